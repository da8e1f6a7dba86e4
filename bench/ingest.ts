/**
 * Inbound webhook ingest: signed Twilio webhooks against the product server
 * in its own process, at rising concurrency, next to a floor server that
 * only parses, checks the signature and inserts (bench/floor-server.ts).
 *
 *   npx tsx bench/ingest.ts [--targets sqlite,pg] [--levels 1,8,32,64]
 *     [--requests 4000] [--postgres-url postgres://postgres@127.0.0.1:5432/test]
 *     [--log-level warn] [--cpu-prof DIR] [--cold]
 *
 * On PostgreSQL it runs ANALYZE after the warm-up, as autovacuum does on a
 * running database, unless --cold is given. Without statistics, a plan
 * that PostgreSQL caches for the product's statements may scan every
 * conversation of the company until the next ANALYZE.
 *
 * Afterwards it checks that every acknowledged MessageSid is stored once.
 */
import { sql } from "kysely";
import { join } from "node:path";
import { openDatabase } from "../src/server/db/database.js";
import {
  newEncryptionKey,
  openBenchContext,
  seedBenchCompany,
  type BenchCompany,
} from "./support/bench-company.js";
import {
  createBenchDatabase,
  DEFAULT_POSTGRES_URL,
  type BenchDatabase,
  type BenchTarget,
} from "./support/bench-database.js";
import {
  cpuTimeMs,
  sampleResidentPeak,
  startNodeProcess,
  type BenchProcess,
} from "./support/processes.js";
import { markdownTable, readFlags } from "./support/stats.js";
import { signedInbound, type SignedWebhook } from "./support/twilio-webhook.js";
import { postWebhooks, type LoadResult } from "./support/webhook-load.js";

const flags = readFlags(process.argv.slice(2));
const targets = (flags.get("targets") ?? "sqlite,pg").split(
  ",",
) as BenchTarget[];
const levels = (flags.get("levels") ?? "1,8,32,64").split(",").map(Number);
const requestsPerLevel = Number(flags.get("requests") ?? 4000);
const postgresUrl = flags.get("postgres-url") ?? DEFAULT_POSTGRES_URL;
const logLevel = flags.get("log-level") ?? "warn";
const cpuProfileDir = flags.get("cpu-prof");
const cold = flags.has("cold");
/** Customers the webhooks come from, so texts share conversations. */
const CUSTOMERS = 2000;
/** One request in this many repeats an earlier MessageSid, as Twilio's
 * retries do; it must be acknowledged and stored once. */
const REDELIVERY_EVERY = 20;
const WARMUP_REQUESTS = 500;

interface LevelRow {
  server: "product" | "floor";
  result: LoadResult;
  rssMiB: number;
  /** Server CPU time per request, in microseconds. It depends less on other
   * load on the machine than the throughput does. */
  cpuMicros: number;
}

function buildWebhooks(company: BenchCompany, count: number): SignedWebhook[] {
  const webhooks: SignedWebhook[] = [];
  for (let index = 0; index < count; index += 1) {
    const earlier = webhooks[Math.floor(index / 2)];
    if (index % REDELIVERY_EVERY === REDELIVERY_EVERY - 1 && earlier) {
      webhooks.push(earlier);
      continue;
    }
    webhooks.push(
      signedInbound({
        url: company.webhookUrl,
        authToken: company.connection.authToken,
        accountSid: company.connection.accountSid,
        to: company.connection.defaultNumber,
        customerIndex: Math.floor(Math.random() * CUSTOMERS),
      }),
    );
  }

  return webhooks;
}

async function runLevels(
  server: BenchProcess,
  path: string,
  company: BenchCompany,
  kind: LevelRow["server"],
  afterWarmup: () => Promise<void>,
): Promise<{ rows: LevelRow[]; acknowledged: Set<string> }> {
  const url = `${server.url}${path}`;
  const acknowledged = new Set<string>();
  const warmup = await postWebhooks({
    url,
    webhooks: buildWebhooks(company, WARMUP_REQUESTS),
    connections: 8,
  });
  for (const sid of warmup.acknowledged) acknowledged.add(sid);
  await afterWarmup();

  const rows: LevelRow[] = [];
  for (const connections of levels) {
    const count =
      connections === 1 ? Math.min(requestsPerLevel, 1500) : requestsPerLevel;
    const webhooks = buildWebhooks(company, count);
    const pid = server.child.pid ?? 0;
    const rss = sampleResidentPeak(pid);
    const cpuBefore = cpuTimeMs(pid);
    const result = await postWebhooks({ url, webhooks, connections });
    const cpuMicros = ((cpuTimeMs(pid) - cpuBefore) * 1000) / webhooks.length;
    rows.push({ server: kind, result, rssMiB: rss.stop(), cpuMicros });
    for (const sid of result.acknowledged) acknowledged.add(sid);
    console.error(
      `${kind} c=${connections}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, CPU ${cpuMicros.toFixed(0)} µs/request, failures ${result.failures}`,
    );
  }

  return { rows, acknowledged };
}

/** Updates the planner's statistics of every table in the bench schema. */
async function analyzeDatabase(databaseUrl: string): Promise<void> {
  const db = openDatabase(databaseUrl);
  try {
    const { rows } = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
    `.execute(db);
    for (const { tablename } of rows) {
      await sql`ANALYZE ${sql.table(tablename)}`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}

async function noop(): Promise<void> {}

/** Returns how many acknowledged SIDs are missing and how many are stored
 * more than once. */
async function verifyStored(
  databaseUrl: string,
  table: "messages" | "floor_messages",
  column: "twilio_sid" | "sid",
  acknowledged: Set<string>,
): Promise<{ missing: number; duplicated: number; stored: number }> {
  const db = openDatabase(databaseUrl);
  try {
    const { rows } = await sql<{ sid: string; copies: number | string }>`
      SELECT ${sql.ref(column)} AS sid, count(*) AS copies
      FROM ${sql.table(table)} GROUP BY ${sql.ref(column)}
    `.execute(db);
    const copies = new Map(rows.map((row) => [row.sid, Number(row.copies)]));
    let missing = 0;
    let duplicated = 0;
    for (const sid of acknowledged) {
      const count = copies.get(sid) ?? 0;
      if (count === 0) missing += 1;
      if (count > 1) duplicated += 1;
    }

    return { missing, duplicated, stored: rows.length };
  } finally {
    await db.destroy();
  }
}

async function benchTarget(target: BenchTarget): Promise<void> {
  const database: BenchDatabase = await createBenchDatabase(
    target,
    postgresUrl,
  );
  try {
    const encryptionKey = newEncryptionKey();
    const ctx = await openBenchContext(database.url, encryptionKey);
    const company = await seedBenchCompany(ctx);
    await ctx.db.destroy();
    const webhookPath = new URL(company.webhookUrl).pathname;

    const product = await startNodeProcess({
      script: "src/server/main.ts",
      env: {
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: encryptionKey,
        PUBLIC_URL: new URL(company.webhookUrl).origin,
        DATA_DIR: database.dir,
        LOG_LEVEL: logLevel,
      },
      readyPath: "/healthz",
      nodeArgs: cpuProfileDir
        ? ["--cpu-prof", `--cpu-prof-dir=${join(cpuProfileDir, target)}`]
        : [],
    });
    const analyze = () =>
      target === "pg" && !cold ? analyzeDatabase(database.url) : noop();
    const productRun = await runLevels(
      product,
      webhookPath,
      company,
      "product",
      analyze,
    );
    await product.stop();
    const productCheck = await verifyStored(
      database.url,
      "messages",
      "twilio_sid",
      productRun.acknowledged,
    );

    const floorUrl =
      target === "sqlite" ? join(database.dir, "floor.sqlite") : database.url;
    const floor = await startNodeProcess({
      script: "bench/floor-server.ts",
      env: {
        FLOOR_DATABASE_URL: floorUrl,
        FLOOR_AUTH_TOKEN: company.connection.authToken,
        FLOOR_WEBHOOK_URL: company.webhookUrl,
      },
      readyPath: "/",
    });
    const floorRun = await runLevels(
      floor,
      webhookPath,
      company,
      "floor",
      analyze,
    );
    await floor.stop();
    const floorCheck = await verifyStored(
      floorUrl,
      "floor_messages",
      "sid",
      floorRun.acknowledged,
    );

    printTarget(target, productRun.rows, floorRun.rows);
    console.log(
      `\nProduct: ${productRun.acknowledged.size} distinct MessageSids acknowledged, ${productCheck.stored} stored, ${productCheck.missing} missing, ${productCheck.duplicated} stored twice.`,
    );
    console.log(
      `Floor: ${floorRun.acknowledged.size} distinct MessageSids acknowledged, ${floorCheck.stored} stored, ${floorCheck.missing} missing, ${floorCheck.duplicated} stored twice.`,
    );
  } finally {
    await database.drop();
  }
}

function printTarget(
  target: BenchTarget,
  product: LevelRow[],
  floor: LevelRow[],
) {
  const rows = product.map((row, index) => {
    const base = floor[index];
    const ratio = base
      ? row.result.requestsPerSecond / base.result.requestsPerSecond
      : Number.NaN;

    return [
      row.result.connections,
      row.result.requestsPerSecond.toFixed(0),
      row.result.p50Ms,
      row.result.p99Ms,
      row.rssMiB.toFixed(0),
      row.cpuMicros.toFixed(0),
      row.result.failures,
      base?.result.requestsPerSecond.toFixed(0) ?? "-",
      base?.result.p50Ms ?? "-",
      base?.result.p99Ms ?? "-",
      base?.rssMiB.toFixed(0) ?? "-",
      base?.cpuMicros.toFixed(0) ?? "-",
      `${(ratio * 100).toFixed(0)}%`,
    ];
  });

  console.log(`\n### ${target === "sqlite" ? "SQLite file" : "PostgreSQL"}\n`);
  console.log(
    markdownTable(
      [
        "connections",
        "product req/s",
        "p50 ms",
        "p99 ms",
        "RSS MiB",
        "CPU µs/req",
        "failed",
        "floor req/s",
        "floor p50",
        "floor p99",
        "floor RSS",
        "floor CPU µs/req",
        "product/floor",
      ],
      rows,
    ),
  );
}

console.log(
  `Ingest benchmark, ${new Date().toISOString()}, Node ${process.version}, ${requestsPerLevel} requests per level (1,500 at 1 connection), LOG_LEVEL=${logLevel}${cold ? ", no ANALYZE" : ""}`,
);
for (const target of targets) {
  await benchTarget(target);
}
