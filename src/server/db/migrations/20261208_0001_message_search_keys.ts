import { PostgresAdapter, sql, type Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL keeps the pg_trgm index on messages.body from migration 0010.
  if (isPostgres(db)) return;

  for (const statement of [...TEXT_SEARCH_CREATE, ...OLD_TEXT_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;

  for (const statement of [...OLD_TEXT_SEARCH_CREATE, ...TEXT_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * Text search on SQLite, keyed by integers. `conversation_search_keys`
 * gives each conversation an integer key with the columns the search
 * reads (its id, company and time of last activity), and
 * `message_search_keys` gives each message an integer key with its
 * conversation's key. The contentless FTS5 trigram table
 * `message_body_search` indexes each body under its message's key as the
 * rowid. A match then reaches its conversation's id and sort key with two
 * lookups by integer primary key. The table of migration 0010 that this
 * replaces stored a copy of each body with three text ids, so each match
 * cost a read of that copy and a lookup of the conversation by text id,
 * and its delete trigger scanned the whole table for each deleted message.
 *
 * The keys are columns of their own, not the rowids of `conversations`
 * and `messages`, because VACUUM may renumber the rowids of a table whose
 * primary key is not an INTEGER PRIMARY KEY. Triggers keep the
 * conversation keys, including their copy of `last_message_at`, in step
 * with `conversations`, which costs one more row update for each stored
 * message. The app writes the entries of new messages
 * (plugins/sms-inbox/search/message-search-index.ts), and the delete
 * triggers find keys through the unique indexes on the text ids.
 *
 * A contentless table (content='') keeps no copy of the text, so nothing
 * can read its columns, snippet() or highlight(), and search reads only
 * its rowids. contentless_delete=1 (SQLite 3.43 and later) lets the delete
 * trigger remove an entry by rowid without the original text.
 */
const TEXT_SEARCH_CREATE = [
  `CREATE TABLE conversation_search_keys (
     key INTEGER PRIMARY KEY,
     conversation_id TEXT NOT NULL UNIQUE,
     company_id TEXT NOT NULL,
     last_message_at TEXT NOT NULL
   )`,
  `CREATE TABLE message_search_keys (
     key INTEGER PRIMARY KEY,
     message_id TEXT NOT NULL UNIQUE,
     conversation_key INTEGER NOT NULL
   )`,
  `CREATE VIRTUAL TABLE message_body_search USING fts5(
     body, content = '', contentless_delete = 1, tokenize = 'trigram')`,
  `CREATE TRIGGER conversation_search_keys_insert
   AFTER INSERT ON conversations BEGIN
     INSERT INTO conversation_search_keys
       (conversation_id, company_id, last_message_at)
     VALUES (new.id, new.company_id, new.last_message_at);
   END`,
  // Storing a message sets last_message_at even when an older message
  // leaves it unchanged, so the WHEN clause skips those updates.
  `CREATE TRIGGER conversation_search_keys_update
   AFTER UPDATE OF id, company_id, last_message_at ON conversations
   WHEN new.id IS NOT old.id
     OR new.company_id IS NOT old.company_id
     OR new.last_message_at IS NOT old.last_message_at
   BEGIN
     UPDATE conversation_search_keys SET
       conversation_id = new.id,
       company_id = new.company_id,
       last_message_at = new.last_message_at
     WHERE conversation_id = old.id;
   END`,
  `CREATE TRIGGER conversation_search_keys_delete
   AFTER DELETE ON conversations BEGIN
     DELETE FROM conversation_search_keys WHERE conversation_id = old.id;
   END`,
  `CREATE TRIGGER message_body_search_delete AFTER DELETE ON messages BEGIN
     DELETE FROM message_body_search
     WHERE rowid = (
       SELECT key FROM message_search_keys WHERE message_id = old.id
     );
     DELETE FROM message_search_keys WHERE message_id = old.id;
   END`,
  // Rowid order keeps the keys in the order rows were stored.
  `INSERT INTO conversation_search_keys
     (conversation_id, company_id, last_message_at)
   SELECT id, company_id, last_message_at FROM conversations ORDER BY rowid`,
  `INSERT INTO message_search_keys (message_id, conversation_key)
   SELECT m.id, ck.key
   FROM messages AS m
   CROSS JOIN conversation_search_keys AS ck
     ON ck.conversation_id = m.conversation_id
   ORDER BY m.rowid`,
  `INSERT INTO message_body_search (rowid, body)
   SELECT k.key, m.body
   FROM message_search_keys AS k
   CROSS JOIN messages AS m ON m.id = k.message_id`,
  // A bulk insert leaves the index in many segments, and a search reads
  // every segment. Merging the segments of migration 0010's table, as
  // bench/seed-inbox.ts fills it, took the FTS5 part of a search with 200
  // matches among 2,000,000 messages from 0.56 to 0.13 ms (2 cores).
  `INSERT INTO message_body_search (message_body_search) VALUES ('optimize')`,
];

const TEXT_SEARCH_DROP = [
  "DROP TRIGGER conversation_search_keys_insert",
  "DROP TRIGGER conversation_search_keys_update",
  "DROP TRIGGER conversation_search_keys_delete",
  "DROP TRIGGER message_body_search_delete",
  "DROP TABLE message_body_search",
  "DROP TABLE message_search_keys",
  "DROP TABLE conversation_search_keys",
];

const OLD_TEXT_SEARCH_DROP = [
  "DROP TRIGGER message_search_delete",
  "DROP TABLE message_search",
];

/**
 * The text search table of migration 0010 with its delete trigger, as
 * migration 20261207_0001 left them, restored by `down`.
 */
const OLD_TEXT_SEARCH_CREATE = [
  `CREATE VIRTUAL TABLE message_search USING fts5(
     body, message_id UNINDEXED, conversation_id UNINDEXED,
     company_id UNINDEXED, tokenize = 'trigram')`,
  `CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
     DELETE FROM message_search WHERE message_id = old.id;
   END`,
  `INSERT INTO message_search (body, message_id, conversation_id, company_id)
   SELECT body, id, conversation_id, company_id FROM messages`,
];

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
