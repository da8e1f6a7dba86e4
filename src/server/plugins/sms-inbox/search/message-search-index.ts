import { sql, type Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { Database } from "../../../db/schema.js";
import type { Logger } from "../../../logger.js";

/*
 * Search entries of new messages on SQLite: a key in message_search_keys
 * that points at the conversation's key, and the body under that key in
 * the FTS5 table message_body_search (migration 20261208_0001). FTS5 keeps a transaction's new entries in
 * memory until COMMIT. It also writes them out as a segment of their own
 * whenever a later statement of the transaction opens a statement
 * savepoint, as an insert into a table with triggers and foreign keys
 * does. A group of texts that share a transaction
 * (webhook/grouped-commit.ts) therefore writes its entries after its last
 * write, so they reach the index as one segment.
 *
 * PostgreSQL searches messages.body through its pg_trgm index instead.
 */

/** The messages whose entries wait for the end of each transaction. */
const entriesAtEnd = new WeakMap<Transaction<Database>, string[]>();

/**
 * Adds a stored message to the search index in `trx`: at once, or at the
 * end of the transaction when it runs inside writeSearchEntriesAtEnd.
 */
export async function indexMessageForSearch(
  trx: Transaction<Database>,
  messageId: string,
): Promise<void> {
  if (isPostgres<Database>(trx)) return;

  const waiting = entriesAtEnd.get(trx);
  if (waiting) {
    waiting.push(messageId);

    return;
  }
  await writeSearchEntries(trx, [messageId]);
}

/**
 * Runs `writes` in `trx` and then writes the search entries of every
 * message they stored. If `writes` throws, nothing more is written and
 * the caller's transaction rolls back.
 */
export async function writeSearchEntriesAtEnd<T>(
  trx: Transaction<Database>,
  writes: () => Promise<T>,
): Promise<T> {
  if (isPostgres<Database>(trx)) return writes();

  const waiting: string[] = [];
  entriesAtEnd.set(trx, waiting);
  let result: T;
  try {
    result = await writes();
  } finally {
    entriesAtEnd.delete(trx);
  }
  if (waiting.length > 0) await writeSearchEntries(trx, waiting);

  return result;
}

/**
 * Gives the messages their keys and indexes their bodies under them. The
 * ids travel as one JSON array, so the statement text, and SQLite's
 * prepared statement, is the same for any number of messages. The FTS5
 * insert runs last, so no later statement of this function flushes it.
 */
async function writeSearchEntries(
  trx: Transaction<Database>,
  messageIds: readonly string[],
): Promise<void> {
  const ids = JSON.stringify(messageIds);
  await sql`
    INSERT INTO message_search_keys (message_id, conversation_key)
    SELECT m.id, ck.key
    FROM json_each(${ids}) AS j
    CROSS JOIN messages AS m ON m.id = j.value
    CROSS JOIN conversation_search_keys AS ck
      ON ck.conversation_id = m.conversation_id
  `.execute(trx);
  await sql`
    INSERT INTO message_body_search (rowid, body)
    SELECT k.key, m.body
    FROM json_each(${ids}) AS j
    CROSS JOIN message_search_keys AS k ON k.message_id = j.value
    CROSS JOIN messages AS m ON m.id = j.value
  `.execute(trx);
}

/**
 * Writes the search entries of messages that have none, on SQLite, and
 * logs how many. A message lacks its entry only when a server of a version
 * before migration 20261207_0001, which left entries to a trigger, stored
 * it after that migration ran. Counting both tables took about 70 ms at
 * 2,000,000 messages. The count of entries reads
 * `message_body_search_docsize`, the FTS5 table's own table of one row per
 * entry, which is smaller than `message_search_keys` and its index of
 * message ids.
 */
export async function addMissingSearchEntries(
  db: Db,
  logger: Logger,
): Promise<void> {
  if (isPostgres(db)) return;

  const { rows } = await sql<{ messages: number; entries: number }>`
    SELECT (SELECT count(*) FROM messages) AS messages,
           (SELECT count(*) FROM message_body_search_docsize) AS entries
  `.execute(db);
  const counts = rows[0];
  if (!counts || counts.entries >= counts.messages) return;

  const added = await db.transaction().execute(async (trx) => {
    const { rows: keys } = await sql<{ key: number }>`
      INSERT INTO message_search_keys (message_id, conversation_key)
      SELECT m.id, ck.key
      FROM messages AS m
      CROSS JOIN conversation_search_keys AS ck
        ON ck.conversation_id = m.conversation_id
      WHERE m.id NOT IN (SELECT message_id FROM message_search_keys)
      ORDER BY m.rowid
      RETURNING key
    `.execute(trx);
    await sql`
      INSERT INTO message_body_search (rowid, body)
      SELECT k.key, m.body
      FROM json_each(${JSON.stringify(keys.map((row) => row.key))}) AS j
      CROSS JOIN message_search_keys AS k ON k.key = j.value
      CROSS JOIN messages AS m ON m.id = k.message_id
    `.execute(trx);

    return keys.length;
  });
  logger.warn(
    { added },
    "Added the missing search entries of messages that an older version of the server stored after the database was migrated.",
  );
}
