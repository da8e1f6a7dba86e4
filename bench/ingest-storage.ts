/**
 * Times the storage step of an incoming text alone, without HTTP: the
 * product's storeInboundMessage (the transaction a signed webhook runs)
 * against the floor's single idempotent INSERT, in this process, on the
 * same database driver. It shows how much of a webhook's cost is the
 * writing itself, which no change to the HTTP layer can remove.
 *
 *   npx tsx bench/ingest-storage.ts [--targets sqlite,pg] [--texts 6000]
 *     [--concurrency 32] [--companies 1] [--postgres-url URL]
 *
 * Variants, each on a fresh database:
 * - product: storeInboundMessage as the server runs it;
 * - product without search indexing: the same after dropping the search
 *   triggers (SQLite) or the trigram indexes (PostgreSQL);
 * - floor: one INSERT OR IGNORE / ON CONFLICT DO NOTHING per text.
 */
import { sql } from "kysely";
import type { Db } from "../src/server/db/database.js";
import { isPostgres } from "../src/server/db/dialect.js";
import { storeInboundMessage } from "../src/server/plugins/sms-inbox/webhook/inbound-store.js";
import type { InboundMessage } from "../src/server/plugins/sms-inbox/webhook/webhook-request.js";
import { buildCompany, type BuiltCompany } from "../test/support/factories.js";
import { newEncryptionKey, openBenchContext } from "./support/bench-company.js";
import {
  createBenchDatabase,
  DEFAULT_POSTGRES_URL,
  type BenchTarget,
} from "./support/bench-database.js";
import { markdownTable, readFlags } from "./support/stats.js";
import { newMessageSid } from "./support/twilio-webhook.js";

type Variant = "product" | "product without search indexing" | "floor";

const VARIANTS: readonly Variant[] = [
  "product",
  "product without search indexing",
  "floor",
];
const INBOX_NUMBER = "+14155550100";
const CUSTOMERS = 2_000;
const WARM_UP_TEXTS = 500;

interface Measurement {
  textsPerSecond: number;
  cpuMicrosPerText: number;
}

const flags = readFlags(process.argv.slice(2));
const targets = (flags.get("targets") ?? "sqlite,pg").split(
  ",",
) as BenchTarget[];
const texts = Number(flags.get("texts") ?? 6_000);
const concurrency = Number(flags.get("concurrency") ?? 32);
const companyCount = Number(flags.get("companies") ?? 1);
const postgresUrl = flags.get("postgres-url") ?? DEFAULT_POSTGRES_URL;

function inboundText(index: number): InboundMessage {
  const customer = 1_000_000 + (index % CUSTOMERS);

  return {
    messageSid: newMessageSid(),
    accountSid: `AC${"0".repeat(32)}`,
    from: `+1628${String(customer).padStart(7, "0")}`,
    to: INBOX_NUMBER,
    messagingServiceSid: null,
    body: `Can I move my appointment ${index} to Thursday at 3pm?`,
    media: [],
    optOutType: null,
  };
}

/** Removes what keeps the search tables and indexes current. */
async function dropSearchIndexing(db: Db): Promise<void> {
  if (isPostgres(db)) {
    const indexes = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes
      WHERE schemaname = current_schema() AND indexname LIKE '%trgm%'`.execute(
      db,
    );
    for (const { indexname } of indexes.rows) {
      await sql`DROP INDEX ${sql.id(indexname)}`.execute(db);
    }

    return;
  }

  const triggers = await sql<{ name: string }>`
    SELECT name FROM sqlite_master
    WHERE type = 'trigger' AND name LIKE '%search%'`.execute(db);
  for (const { name } of triggers.rows) {
    await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  }
}

async function createFloorTable(db: Db): Promise<void> {
  await sql`CREATE TABLE floor_messages (
    sid text PRIMARY KEY, from_number text NOT NULL, to_number text NOT NULL,
    body text NOT NULL, created_at text NOT NULL)`.execute(db);
}

function floorInsert(db: Db, text: InboundMessage): Promise<unknown> {
  const values = sql`(${text.messageSid}, ${text.from}, ${text.to}, ${text.body}, ${new Date().toISOString()})`;
  if (isPostgres(db)) {
    return sql`INSERT INTO floor_messages VALUES ${values} ON CONFLICT DO NOTHING`.execute(
      db,
    );
  }

  return sql`INSERT OR IGNORE INTO floor_messages VALUES ${values}`.execute(db);
}

/** Stores `count` texts, `concurrency` at a time, starting at `first`. */
async function storeTexts(
  store: (text: InboundMessage, index: number) => Promise<unknown>,
  first: number,
  count: number,
): Promise<void> {
  for (let start = first; start < first + count; start += concurrency) {
    const size = Math.min(concurrency, first + count - start);
    await Promise.all(
      Array.from({ length: size }, (_, offset) =>
        store(inboundText(start + offset), start + offset),
      ),
    );
  }
}

async function measure(
  target: BenchTarget,
  variant: Variant,
): Promise<Measurement> {
  const database = await createBenchDatabase(target, postgresUrl);
  const ctx = await openBenchContext(database.url, newEncryptionKey());
  try {
    const companies: BuiltCompany[] = [];
    for (let index = 0; index < companyCount; index += 1) {
      companies.push(await buildCompany(ctx));
    }
    if (variant === "product without search indexing") {
      await dropSearchIndexing(ctx.db);
    }
    if (variant === "floor") await createFloorTable(ctx.db);

    const store =
      variant === "floor"
        ? (text: InboundMessage) => floorInsert(ctx.db, text)
        : (text: InboundMessage, index: number) => {
            const company = companies[index % companyCount];
            if (!company) throw new Error("No company to store the text in.");

            return storeInboundMessage(
              ctx.db,
              { id: company.id, country: "US" },
              text,
            );
          };

    await storeTexts(store, 0, WARM_UP_TEXTS);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    await storeTexts(store, WARM_UP_TEXTS, texts);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    return {
      textsPerSecond: texts / seconds,
      cpuMicrosPerText: (cpu.user + cpu.system) / texts,
    };
  } finally {
    await ctx.db.destroy();
    await database.drop();
  }
}

process.stdout.write(
  `Storage step benchmark, ${new Date().toISOString()}, Node ${process.version}, ${texts} texts per variant, ${concurrency} at a time, ${companyCount} ${companyCount === 1 ? "company" : "companies"}\n\n`,
);
for (const target of targets) {
  const rows: string[][] = [];
  for (const variant of VARIANTS) {
    const result = await measure(target, variant);
    rows.push([
      variant,
      result.textsPerSecond.toFixed(0),
      result.cpuMicrosPerText.toFixed(0),
    ]);
  }
  process.stdout.write(
    `### ${target === "sqlite" ? "SQLite file" : "PostgreSQL"}\n\n${markdownTable(
      ["variant", "texts/s", "CPU µs/text (this process)"],
      rows,
    )}\n\n`,
  );
}
