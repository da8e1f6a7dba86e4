/**
 * Inbox at scale: seeds a small and a large inbox (bench/seed-inbox.ts),
 * then times the inbox endpoints on each through the real app in this
 * process: wall-clock median and p95, and the process's CPU time and the
 * rows returned per call. Both inboxes stay open and the calls alternate
 * between them, so load from other work slows both alike. With --plans it
 * prints the query plan of every statement they run.
 *
 *   npx tsx bench/inbox-scale.ts [--targets sqlite,pg]
 *     [--sizes 1000:20000,100000:2000000] [--runs 30]
 *     [--postgres-url postgres://postgres@127.0.0.1:5432/test] [--plans]
 *     [--keep-sqlite DIR]
 *
 * By default each database is created in a temporary folder (or schema)
 * and dropped afterwards. With --keep-sqlite, each SQLite database is kept
 * in DIR as inbox-<conversations>-<messages>.sqlite, with a .json file
 * beside it that records the seeded company and staff member. A later run
 * with the same DIR and size opens that file, migrates it to the latest
 * schema and skips seeding, which takes 4 to 10 minutes at 100,000
 * conversations depending on the machine's load.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import {
  createSession,
  SESSION_COOKIE,
} from "../src/server/auth/session-store.js";
import { buildApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { isPostgres } from "../src/server/db/dialect.js";
import {
  openBenchContext,
  newEncryptionKey,
  seedBenchCompany,
  seedBenchStaff,
} from "./support/bench-company.js";
import {
  createBenchDatabase,
  DEFAULT_POSTGRES_URL,
  type BenchTarget,
} from "./support/bench-database.js";
import { captureQueries, type CapturedQuery } from "./support/query-capture.js";
import {
  markdownTable,
  median,
  percentile,
  readFlags,
} from "./support/stats.js";
import {
  RARE_SURNAME,
  RARE_WORD,
  seedInbox,
  type SeedSummary,
} from "./seed-inbox.js";

const flags = readFlags(process.argv.slice(2));
const targets = (flags.get("targets") ?? "sqlite,pg").split(
  ",",
) as BenchTarget[];
const sizes = (flags.get("sizes") ?? "1000:20000,100000:2000000")
  .split(",")
  .map((size) => {
    const [conversations, messages] = size.split(":").map(Number);
    return {
      conversations: conversations ?? 1000,
      messages: messages ?? 20_000,
    };
  });
const runs = Number(flags.get("runs") ?? 30);
const postgresUrl = flags.get("postgres-url") ?? DEFAULT_POSTGRES_URL;
const printPlans = flags.has("plans");
const keepSqliteDir = flags.get("keep-sqlite") ?? null;

const API = "/api/plugins/sms-chat";

interface Timing {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** Mean CPU time of the process per timed call, all threads included. */
  cpuMs: number;
  /** Conversations or messages in the response, when it lists them. */
  rows: number | null;
  plans: string[];
}

/** Counts the items of a page of conversations or messages. */
function countRows(body: unknown): number | null {
  if (typeof body !== "object" || body === null) return null;
  for (const key of ["conversations", "messages"]) {
    const list = (body as Record<string, unknown>)[key];
    if (Array.isArray(list)) return list.length;
  }

  return null;
}

async function explain(ctx: AppContext, query: CapturedQuery): Promise<string> {
  if (isPostgres(ctx.db)) {
    const { rows } = await sql<{
      "QUERY PLAN": string;
    }>`${sql.raw("EXPLAIN ")}${rawWithParameters(query)}`.execute(ctx.db);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }
  const { rows } = await sql<{
    detail: string;
    id: number;
    parent: number;
  }>`${sql.raw("EXPLAIN QUERY PLAN ")}${rawWithParameters(query)}`.execute(
    ctx.db,
  );
  const depth = new Map<number, number>();
  return rows
    .map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, level);
      return `${"  ".repeat(level)}${row.detail}`;
    })
    .join("\n");
}

/** Rebuilds a captured statement with its values bound again. */
function rawWithParameters(query: CapturedQuery) {
  const parts = query.sql.split(/\?|\$\d+/);
  const placeholders = [...query.sql.matchAll(/\?|\$(\d+)/g)];
  const fragments = parts.map((part) => sql.raw(part));
  const values = placeholders.map((match, index) => {
    const position = match[1] ? Number(match[1]) - 1 : index;
    return sql.val(query.parameters[position]);
  });
  return sql.join(
    fragments.flatMap((fragment, index) =>
      index < values.length
        ? [fragment, values[index] ?? sql.raw("")]
        : [fragment],
    ),
    sql.raw(""),
  );
}

/** One size's app, ready to serve its seeded inbox to the staff member. */
interface PreparedSize {
  ctx: AppContext;
  app: Awaited<ReturnType<typeof buildApp>>;
  cookie: string;
  /** Endpoint names and their URLs for this inbox, in the order of the tables. */
  endpoints: [string, string][];
}

async function callEndpoint(size: PreparedSize, name: string, url: string) {
  const response = await size.app.inject({
    method: "GET",
    url,
    headers: { cookie: size.cookie },
  });
  if (response.statusCode !== 200)
    throw new Error(`${name}: ${response.statusCode} ${response.body}`);

  return response;
}

/**
 * Times endpoint `index` on every size. The calls alternate between the
 * sizes, run by run and in turn-about order, so that other load on the
 * machine slows each size alike and the large/small ratio stays
 * comparable from run to run. CPU time is the process's, per call.
 */
async function timeEndpointAcrossSizes(
  prepared: PreparedSize[],
  index: number,
): Promise<Timing[]> {
  const durations = prepared.map((): number[] => []);
  const cpuMicros = prepared.map(() => 0);
  for (let warm = 0; warm < 3; warm += 1) {
    for (const size of prepared) {
      const [name, url] = size.endpoints[index] ?? ["", ""];
      await callEndpoint(size, name, url);
    }
  }
  for (let run = 0; run < runs; run += 1) {
    const order = prepared.map((_size, position) => position);
    if (run % 2 === 1) order.reverse();
    for (const position of order) {
      const size = prepared[position];
      if (!size) continue;
      const [name, url] = size.endpoints[index] ?? ["", ""];
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      await callEndpoint(size, name, url);
      durations[position]?.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      cpuMicros[position] = (cpuMicros[position] ?? 0) + cpu.user + cpu.system;
    }
  }

  const timings: Timing[] = [];
  for (const [position, size] of prepared.entries()) {
    const [name, url] = size.endpoints[index] ?? ["", ""];
    let rows: number | null = null;
    const captured = await captureQueries(async () => {
      rows = countRows((await callEndpoint(size, name, url)).json());
    });
    const plans: string[] = [];
    for (const query of captured) {
      if (!/^\s*select/i.test(query.sql)) continue;
      plans.push(
        `${query.sql.replace(/\s+/g, " ")}\n${await explain(size.ctx, query)}`,
      );
    }
    const sizeDurations = durations[position] ?? [];
    timings.push({
      name,
      medianMs: median(sizeDurations),
      p95Ms: percentile(sizeDurations, 0.95),
      cpuMs: (cpuMicros[position] ?? 0) / 1000 / runs,
      rows,
      plans,
    });
  }

  return timings;
}

/** A seeded inbox and a signed-in staff member who can read it. */
interface SeededInbox {
  ctx: AppContext;
  cookie: string;
  seeded: SeedSummary;
  seedSeconds: number;
  /** True when a kept SQLite file was opened instead of seeding. */
  reused: boolean;
  close(): Promise<void>;
}

/** The seeded ids and key of a kept SQLite file, stored in the .json file beside it. */
interface KeptInbox {
  encryptionKey: string;
  companyId: string;
  staffId: string;
  seeded: SeedSummary;
  seedSeconds: number;
}

async function seedNewInbox(
  databaseUrl: string,
  encryptionKey: string,
  size: { conversations: number; messages: number },
): Promise<Omit<SeededInbox, "close" | "reused"> & KeptInbox> {
  const ctx = await openBenchContext(databaseUrl, encryptionKey);
  const { company } = await seedBenchCompany(ctx);
  const [staff] = await seedBenchStaff(ctx, company, 1);
  if (!staff) throw new Error("no staff member was created");

  const seedStarted = performance.now();
  const seeded = await seedInbox({
    databaseUrl,
    companyId: company.id,
    staffId: staff.id,
    ...size,
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (isPostgres(ctx.db)) await sql`ANALYZE`.execute(ctx.db);

  return {
    ctx,
    cookie: staff.cookie,
    seeded,
    seedSeconds,
    encryptionKey,
    companyId: company.id,
    staffId: staff.id,
  };
}

/** Opens the SQLite inbox kept in `dir` for `size`, seeding it first when missing. */
async function openKeptSqliteInbox(
  dir: string,
  size: { conversations: number; messages: number },
): Promise<SeededInbox> {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `inbox-${size.conversations}-${size.messages}`);
  const databaseUrl = `${base}.sqlite`;
  const summaryPath = `${base}.json`;

  if (existsSync(databaseUrl) && existsSync(summaryPath)) {
    const kept = JSON.parse(readFileSync(summaryPath, "utf8")) as KeptInbox;
    const ctx = await openBenchContext(databaseUrl, kept.encryptionKey);
    const session = await createSession(ctx.db, kept.staffId, 60 * 60 * 1000);
    console.error(`sqlite: reusing ${databaseUrl}`);

    return {
      ctx,
      cookie: `${SESSION_COOKIE}=${session.token}`,
      seeded: kept.seeded,
      seedSeconds: kept.seedSeconds,
      reused: true,
      close: () => ctx.db.destroy(),
    };
  }

  // A file without its .json is a seed that did not finish.
  for (const suffix of ["", "-wal", "-shm"]) {
    rmSync(`${databaseUrl}${suffix}`, { force: true });
  }
  const { ctx, cookie, seeded, seedSeconds, ...kept } = await seedNewInbox(
    databaseUrl,
    newEncryptionKey(),
    size,
  );
  writeFileSync(
    summaryPath,
    JSON.stringify({ ...kept, seeded, seedSeconds }, null, 2),
  );

  return {
    ctx,
    cookie,
    seeded,
    seedSeconds,
    reused: false,
    close: () => ctx.db.destroy(),
  };
}

async function openSeededInbox(
  target: BenchTarget,
  size: { conversations: number; messages: number },
): Promise<SeededInbox> {
  if (target === "sqlite" && keepSqliteDir !== null) {
    return openKeptSqliteInbox(keepSqliteDir, size);
  }

  const database = await createBenchDatabase(target, postgresUrl);
  try {
    const { ctx, cookie, seeded, seedSeconds } = await seedNewInbox(
      database.url,
      newEncryptionKey(),
      size,
    );

    return {
      ctx,
      cookie,
      seeded,
      seedSeconds,
      reused: false,
      close: async () => {
        await ctx.db.destroy();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * Opens or seeds the inbox of one size and builds the app on it, with the
 * cursor of page 12 found by paging through the list.
 */
async function prepareSize(
  target: BenchTarget,
  size: { conversations: number; messages: number },
) {
  const inbox = await openSeededInbox(target, size);
  const { ctx, seeded, seedSeconds, reused, cookie } = inbox;
  try {
    const app = await buildApp(ctx);
    await app.ready();
    const first = await app.inject({
      method: "GET",
      url: `${API}/conversations`,
      headers: { cookie },
    });
    const cursor = first.json<{ nextCursor: string }>().nextCursor;
    // Ten pages further down the list.
    let laterCursor = cursor;
    for (let page = 0; page < 10; page += 1) {
      const next = await app.inject({
        method: "GET",
        url: `${API}/conversations?cursor=${laterCursor}`,
        headers: { cookie },
      });
      laterCursor = next.json<{ nextCursor: string }>().nextCursor;
    }

    const endpoints: [string, string][] = [
      ["first inbox page", `${API}/conversations`],
      ["page 12 (cursor)", `${API}/conversations?cursor=${laterCursor}`],
      [
        "thread latest page",
        `${API}/conversations/${seeded.sampleConversationId}/messages`,
      ],
      ["inbox total unread", `${API}/inbox`],
      [`search text "${RARE_WORD}"`, `${API}/conversations?q=${RARE_WORD}`],
      [
        `search name "${RARE_SURNAME.toLowerCase()}"`,
        `${API}/conversations?q=${RARE_SURNAME.toLowerCase()}`,
      ],
      [
        'search digits "(628) 000-12"',
        `${API}/conversations?q=${encodeURIComponent("(628) 000-12")}`,
      ],
    ];
    const prepared: PreparedSize = { ctx, app, cookie, endpoints };

    return {
      size,
      seeded,
      seedSeconds,
      reused,
      prepared,
      close: async () => {
        await app.close();
        await inbox.close();
      },
    };
  } catch (error) {
    await inbox.close();
    throw error;
  }
}

console.log(
  `Inbox at scale, ${new Date().toISOString()}, Node ${process.version}, ${runs} runs per endpoint`,
);
for (const target of targets) {
  const opened: Awaited<ReturnType<typeof prepareSize>>[] = [];
  const results: (Awaited<ReturnType<typeof prepareSize>> & {
    timings: Timing[];
  })[] = [];
  try {
    for (const size of sizes) {
      const result = await prepareSize(target, size);
      opened.push(result);
      console.error(
        `${target}: ${result.reused ? "reused" : "seeded"} ${result.seeded.conversations} conversations, ${result.seeded.messages} messages${result.reused ? "" : ` in ${result.seedSeconds.toFixed(1)} s`}`,
      );
    }
    const endpointCount = opened[0]?.prepared.endpoints.length ?? 0;
    const timingsBySize = opened.map((): Timing[] => []);
    for (let index = 0; index < endpointCount; index += 1) {
      const timings = await timeEndpointAcrossSizes(
        opened.map((result) => result.prepared),
        index,
      );
      timings.forEach((timing, position) =>
        timingsBySize[position]?.push(timing),
      );
    }
    opened.forEach((result, position) =>
      results.push({ ...result, timings: timingsBySize[position] ?? [] }),
    );
  } finally {
    for (const result of opened) await result.close();
  }
  const names = results[0]?.timings.map((timing) => timing.name) ?? [];
  console.log(`\n### ${target === "sqlite" ? "SQLite file" : "PostgreSQL"}\n`);
  for (const result of results) {
    const reusedNote = result.reused ? " (kept file, reused)" : "";
    console.log(
      `- ${result.seeded.conversations} conversations, ${result.seeded.messages} messages seeded in ${result.seedSeconds.toFixed(1)} s${reusedNote}`,
    );
  }
  console.log("");
  console.log(
    markdownTable(
      [
        "endpoint",
        ...results.flatMap((result) => [
          `median ms @${result.size.conversations}`,
          `p95 ms @${result.size.conversations}`,
        ]),
        "large/small median",
      ],
      names.map((name, index) => {
        const cells = results.flatMap((result) => {
          const timing = result.timings[index];
          return [
            timing?.medianMs.toFixed(2) ?? "-",
            timing?.p95Ms.toFixed(2) ?? "-",
          ];
        });
        const small = results[0]?.timings[index]?.medianMs ?? Number.NaN;
        const large = results.at(-1)?.timings[index]?.medianMs ?? Number.NaN;
        return [name, ...cells, `${(large / small).toFixed(2)}×`];
      }),
    ),
  );
  console.log("");
  console.log(
    markdownTable(
      [
        "endpoint",
        ...results.flatMap((result) => [
          `CPU ms/call @${result.size.conversations}`,
          `rows @${result.size.conversations}`,
        ]),
        "large/small CPU",
      ],
      names.map((name, index) => {
        const cells = results.flatMap((result) => {
          const timing = result.timings[index];
          return [timing?.cpuMs.toFixed(2) ?? "-", String(timing?.rows ?? "-")];
        });
        const small = results[0]?.timings[index]?.cpuMs ?? Number.NaN;
        const large = results.at(-1)?.timings[index]?.cpuMs ?? Number.NaN;
        return [name, ...cells, `${(large / small).toFixed(2)}×`];
      }),
    ),
  );
  if (printPlans) {
    const largest = results.at(-1);
    for (const timing of largest?.timings ?? []) {
      console.log(
        `\n#### ${timing.name}\n\n\`\`\`\n${timing.plans.join("\n\n")}\n\`\`\``,
      );
    }
  }
}
