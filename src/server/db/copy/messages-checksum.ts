import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../database.js";
import { isPostgres } from "../dialect.js";
import type { MessagesTable } from "../schema.js";

/** Every column of `messages`, in the order the checksum serialises them. */
export const MESSAGE_COLUMNS = [
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
  "status_changed_at",
] as const satisfies readonly (keyof MessagesTable)[];

const CHECKSUM_BATCH_SIZE = 1000;

/**
 * Computes a SHA-256 checksum, in hex, of every `messages` row ordered by
 * id. Each row becomes one line, a JSON array of MESSAGE_COLUMNS, so the
 * same rows give the same checksum on SQLite and PostgreSQL.
 */
export async function checksumMessages(db: Db): Promise<string> {
  const hash = createHash("sha256");
  // PostgreSQL orders text by the database collation, which may ignore
  // punctuation such as the dashes in UUIDs. "C" compares bytes, as SQLite
  // does, so both sides read the rows in the same order.
  const orderedId = isPostgres(db) ? sql`id COLLATE "C"` : sql`id`;
  let lastId: string | null = null;

  for (;;) {
    const after: string | null = lastId;
    const rows = await db
      .selectFrom("messages")
      .select(MESSAGE_COLUMNS)
      .$if(after !== null, (query) =>
        query.where(sql<boolean>`${orderedId} > ${after}`),
      )
      .orderBy(orderedId)
      .limit(CHECKSUM_BATCH_SIZE)
      .execute();

    for (const row of rows) {
      const values = MESSAGE_COLUMNS.map((column) => row[column]);
      hash.update(`${JSON.stringify(values)}\n`);
    }

    const last = rows.at(-1);
    if (!last || rows.length < CHECKSUM_BATCH_SIZE) break;

    lastId = last.id;
  }

  return hash.digest("hex");
}
