import { sql, type Transaction } from "kysely";
import { isPostgres } from "../../../db/dialect.js";
import type { Database } from "../../../db/schema.js";

/*
 * Search entries of new messages on SQLite, in the FTS5 table
 * message_search. FTS5 keeps a transaction's new entries in memory until
 * COMMIT, but writes them out as a segment of their own whenever a later
 * statement of the transaction opens a statement savepoint, as an insert
 * into a table with triggers and foreign keys does. A group of texts that
 * share a transaction (webhook/grouped-commit.ts) therefore writes its
 * entries after its last write, so they reach the index as one segment.
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
 * Copies the messages' bodies into message_search. The ids travel as one
 * JSON array, so the statement text, and SQLite's prepared statement, is
 * the same for any number of messages.
 */
async function writeSearchEntries(
  trx: Transaction<Database>,
  messageIds: readonly string[],
): Promise<void> {
  await sql`
    INSERT INTO message_search (body, message_id, conversation_id, company_id)
    SELECT body, id, conversation_id, company_id FROM messages
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(messageIds)}))
  `.execute(trx);
}
