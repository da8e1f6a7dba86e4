/**
 * Seeds a large inbox into a migrated database: conversations, messages
 * (alternating inbound and outbound), customers for half the numbers, read
 * state for one staff member, and the unread counters that match them.
 *
 *   npx tsx bench/seed-inbox.ts --database-url <sqlite path | postgres url>
 *     [--conversations 100000] [--messages 2000000]
 *
 * The CLI creates a company and a staff member first; bench/inbox-scale.ts
 * calls seedInbox itself.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import {
  openBulkWriter,
  type BulkWriter,
  type Row,
} from "./support/bulk-insert.js";
import {
  INBOX_NUMBER,
  newEncryptionKey,
  openBenchContext,
  seedBenchCompany,
  seedBenchStaff,
} from "./support/bench-company.js";
import { readFlags } from "./support/stats.js";
import { isPostgresUrl } from "../src/server/db/database.js";
import { newId } from "../src/server/db/ids.js";

/** A word that appears in one message of every 10,000, for a selective search. */
export const RARE_WORD = "tangerine";
/** A name given to one customer of every 1,000. */
export const RARE_SURNAME = "Okonkwo";

const BATCH_ROWS = 5000;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const WORDS = (
  "order pickup delivery thanks please when open today tomorrow morning evening " +
  "price invoice table booking late sorry confirm cancel receipt address parking " +
  "photo color size question answer great perfect okay call back later"
).split(" ");
const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloe",
  "David",
  "Elif",
  "Farah",
  "Gus",
  "Hana",
  "Ivan",
  "Jia",
];
const LAST_NAMES = [
  "Smith",
  "Garcia",
  "Nguyen",
  "Müller",
  "Rossi",
  "Kim",
  "Silva",
  "Cohen",
  "Brown",
  "Sato",
];

const COLUMN_TYPES: Record<string, string> = {
  inbound_count: "integer",
  shard: "integer",
  read_inbound_count: "bigint",
  error_code: "integer",
  num_media: "integer",
};

export interface SeedSummary {
  conversations: number;
  messages: number;
  /** A conversation near the top of the list, for the thread query. */
  sampleConversationId: string;
}

/** Returns a deterministic pseudo-random integer in [0, bound) for `seed`. */
function pick(seed: number, bound: number): number {
  const value = Math.sin(seed * 12.9898) * 43758.5453;

  return Math.floor((value - Math.floor(value)) * bound);
}

function messageBody(seed: number): string {
  const length = 4 + pick(seed, 14);
  const words: string[] = [];
  for (let index = 0; index < length; index += 1) {
    words.push(WORDS[pick(seed * 31 + index, WORDS.length)] ?? "ok");
  }
  if (seed % 10_000 === 7) words.splice(2, 0, RARE_WORD);

  return words.join(" ");
}

class Batches {
  private readonly pending = new Map<
    string,
    { columns: readonly string[]; rows: Row[] }
  >();

  constructor(private readonly writer: BulkWriter) {}

  async add(
    table: string,
    columns: readonly string[],
    row: Row,
  ): Promise<void> {
    let batch = this.pending.get(table);
    if (!batch) {
      batch = { columns, rows: [] };
      this.pending.set(table, batch);
    }
    batch.rows.push(row);
    // Flushing every table keeps parents ahead of their children.
    if (batch.rows.length >= BATCH_ROWS) await this.flushAll();
  }

  async flush(table: string): Promise<void> {
    const batch = this.pending.get(table);
    if (!batch || batch.rows.length === 0) return;

    await this.writer.insert(table, batch.columns, batch.rows);
    batch.rows = [];
  }

  async flushAll(): Promise<void> {
    // Parents before children, for the foreign keys.
    for (const table of [
      "customers",
      "conversations",
      "messages",
      "conversation_reads",
    ]) {
      await this.flush(table);
    }
  }
}

const CONVERSATION_COLUMNS = [
  "id",
  "company_id",
  "customer_number",
  "inbox_number",
  "last_message_at",
  "last_message_preview",
  "created_at",
  "inbound_count",
  "last_inbound_at",
  "last_message_id",
] as const;
const MESSAGE_COLUMNS = [
  "id",
  "company_id",
  "conversation_id",
  "direction",
  "twilio_sid",
  "from_number",
  "to_number",
  "body",
  "status",
  "error_code",
  "error_message",
  "sent_by_staff_id",
  "num_media",
  "created_at",
  "updated_at",
] as const;

/**
 * Seeds `conversations` conversations with `messages` messages in total
 * into the company, with read state for `staffId` on two thirds of them.
 */
export async function seedInbox(options: {
  databaseUrl: string;
  companyId: string;
  staffId: string;
  conversations: number;
  messages: number;
}): Promise<SeedSummary> {
  const { companyId, staffId } = options;
  const writer = await openBulkWriter(options.databaseUrl, COLUMN_TYPES);
  const batches = new Batches(writer);
  const perConversation = options.messages / options.conversations;
  const now = Date.now();
  let messageCount = 0;
  let inboundTotal = 0;
  let readTotal = 0;
  let sampleConversationId = "";
  let sampleAt = 0;

  try {
    for (let index = 0; index < options.conversations; index += 1) {
      const conversationId = newId();
      const customerNumber = `+1628${String(index).padStart(7, "0")}`;
      // Between 1 and 2 × perConversation - 1 messages, averaging perConversation.
      const count =
        1 + pick(index, Math.max(1, Math.round(2 * perConversation - 1)));
      const startAt =
        now - YEAR_MS + pick(index + 0.5, YEAR_MS - 24 * 60 * 60 * 1000);
      const readUpTo = index % 3 === 0 ? -1 : Math.floor(count * 0.8);
      let inbound = 0;
      let readInbound = 0;
      let lastAt = "";
      let lastInboundAt: string | null = null;
      let lastBody = "";
      let readAt: string | null = null;

      if (index % 2 === 0) {
        const name =
          index % 1000 === 0
            ? `Grace ${RARE_SURNAME}`
            : `${FIRST_NAMES[pick(index, FIRST_NAMES.length)]} ${LAST_NAMES[pick(index * 3, LAST_NAMES.length)]}`;
        await batches.add(
          "customers",
          ["id", "company_id", "name", "phone", "phone_e164", "created_at"],
          [
            newId(),
            companyId,
            name,
            customerNumber,
            customerNumber,
            new Date(startAt).toISOString(),
          ],
        );
      }

      const messageRows: Row[] = [];
      for (let position = 0; position < count; position += 1) {
        const at = new Date(startAt + position * 7 * 60 * 1000).toISOString();
        const isInbound = position % 2 === 0;
        const body = messageBody(messageCount + 1);
        messageRows.push([
          newId(),
          companyId,
          conversationId,
          isInbound ? "inbound" : "outbound",
          `SM${randomUUID().replaceAll("-", "")}`,
          isInbound ? customerNumber : INBOX_NUMBER,
          isInbound ? INBOX_NUMBER : customerNumber,
          body,
          isInbound ? "received" : "delivered",
          null,
          null,
          isInbound ? null : staffId,
          0,
          at,
          at,
        ]);
        messageCount += 1;
        if (isInbound) {
          inbound += 1;
          lastInboundAt = at;
          if (position <= readUpTo) readInbound += 1;
        }
        if (position === readUpTo) readAt = at;
        lastAt = at;
        lastBody = body;
      }

      await batches.add("conversations", CONVERSATION_COLUMNS, [
        conversationId,
        companyId,
        customerNumber,
        INBOX_NUMBER,
        lastAt,
        lastBody.slice(0, 140),
        new Date(startAt).toISOString(),
        inbound,
        lastInboundAt,
        messageRows.at(-1)?.[0] ?? null,
      ]);
      for (const row of messageRows)
        await batches.add("messages", MESSAGE_COLUMNS, row);
      if (readAt !== null) {
        await batches.add(
          "conversation_reads",
          ["conversation_id", "staff_id", "last_read_at", "read_inbound_count"],
          [conversationId, staffId, readAt, readInbound],
        );
        readTotal += readInbound;
      }
      inboundTotal += inbound;
      if (
        lastAt > new Date(sampleAt).toISOString() &&
        count >= perConversation
      ) {
        sampleAt = Date.parse(lastAt);
        sampleConversationId = conversationId;
      }
    }
    await batches.flushAll();
    // On SQLite the app writes message search entries as it stores each
    // message, so rows inserted here need theirs.
    if (!isPostgresUrl(options.databaseUrl)) {
      const company = companyId.replaceAll("'", "''");
      await writer.run(
        `INSERT INTO message_search_keys (message_id, conversation_key)
         SELECT m.id, ck.key
         FROM messages AS m
         JOIN conversation_search_keys AS ck
           ON ck.conversation_id = m.conversation_id
         WHERE m.company_id = '${company}' ORDER BY m.rowid`,
      );
      await writer.run(
        `INSERT INTO message_body_search (rowid, body)
         SELECT k.key, m.body
         FROM messages AS m
         JOIN message_search_keys AS k ON k.message_id = m.id
         WHERE m.company_id = '${company}'`,
      );
    }

    await writer.insert(
      "company_inbound_counts",
      ["company_id", "shard", "inbound_count"],
      [[companyId, 0, inboundTotal]],
    );
    await writer.insert(
      "staff_read_counts",
      ["company_id", "staff_id", "read_inbound_count"],
      [[companyId, staffId, readTotal]],
    );
  } finally {
    await writer.close();
  }

  return {
    conversations: options.conversations,
    messages: messageCount,
    sampleConversationId,
  };
}

async function main() {
  const flags = readFlags(process.argv.slice(2));
  const databaseUrl = flags.get("database-url");
  if (!databaseUrl) {
    console.error(
      "Missing --database-url: a SQLite file path or a postgres:// URL.",
    );
    process.exit(2);
  }
  const ctx = await openBenchContext(databaseUrl, newEncryptionKey());
  const { company } = await seedBenchCompany(ctx);
  const [staff] = await seedBenchStaff(ctx, company, 1);
  await ctx.db.destroy();
  if (!staff) throw new Error("no staff member was created");

  const started = performance.now();
  const summary = await seedInbox({
    databaseUrl,
    companyId: company.id,
    staffId: staff.id,
    conversations: Number(flags.get("conversations") ?? 100_000),
    messages: Number(flags.get("messages") ?? 2_000_000),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${summary.conversations} conversations and ${summary.messages} messages in ${seconds.toFixed(1)} s (company ${company.id}, staff ${staff.id}).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
