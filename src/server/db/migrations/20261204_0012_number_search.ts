import { PostgresAdapter, sql, type Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL keeps the pg_trgm index on conversations.customer_number
  // from migration 0010.
  if (isPostgres(db)) return;

  for (const statement of [...NUMBER_SEARCH_CREATE, ...TRIGRAM_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;

  for (const statement of [...TRIGRAM_SEARCH_CREATE, ...NUMBER_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * Returns a json_each table with one row per character of `number`, whose
 * key runs from 0 to length - 1. SQLite allows no WITH clause inside a
 * trigger, so the rows come from a JSON array of `length` zeros:
 * hex(zeroblob(n)) is n times "00", which becomes "0,0,...,0".
 */
function positionsOf(number: string): string {
  return `json_each('[' || rtrim(replace(hex(zeroblob(length(${number}))), '00', '0,'), ',') || ']')`;
}

/** Selects one row per suffix of `row`'s number that starts with a digit. */
function suffixRows(row: "new" | "old"): string {
  return `SELECT ${row}.company_id, substr(${row}.customer_number, p.key + 1), ${row}.id
     FROM ${positionsOf(`${row}.customer_number`)} AS p
     WHERE substr(${row}.customer_number, p.key + 1, 1) GLOB '[0-9]'`;
}

const DELETE_OLD_SUFFIXES = `DELETE FROM conversation_number_search
     WHERE company_id = old.company_id AND conversation_id = old.id
       AND suffix IN (
         SELECT substr(old.customer_number, p.key + 1)
         FROM ${positionsOf("old.customer_number")} AS p
       );`;

/**
 * Digit search on SQLite: every suffix of a customer number that starts
 * with a digit, so the numbers containing a run of digits are the rows
 * whose suffix starts with it, one range of the primary key. Its cost
 * follows the number of matches, whereas the trigram index that this
 * replaces read the doclists of trigrams that most numbers share (such as
 * the area code), which grow with the inbox.
 */
const NUMBER_SEARCH_CREATE = [
  `CREATE TABLE conversation_number_search (
     company_id TEXT NOT NULL,
     suffix TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     PRIMARY KEY (company_id, suffix, conversation_id)
   ) WITHOUT ROWID`,
  `CREATE TRIGGER conversation_number_search_insert AFTER INSERT ON conversations BEGIN
     INSERT INTO conversation_number_search (company_id, suffix, conversation_id)
     ${suffixRows("new")};
   END`,
  `CREATE TRIGGER conversation_number_search_update
   AFTER UPDATE OF company_id, customer_number ON conversations BEGIN
     ${DELETE_OLD_SUFFIXES}
     INSERT INTO conversation_number_search (company_id, suffix, conversation_id)
     ${suffixRows("new")};
   END`,
  `CREATE TRIGGER conversation_number_search_delete AFTER DELETE ON conversations BEGIN
     ${DELETE_OLD_SUFFIXES}
   END`,
  `INSERT INTO conversation_number_search (company_id, suffix, conversation_id)
   SELECT c.company_id, substr(c.customer_number, p.key + 1), c.id
   FROM conversations AS c, ${positionsOf("c.customer_number")} AS p
   WHERE substr(c.customer_number, p.key + 1, 1) GLOB '[0-9]'`,
];

const NUMBER_SEARCH_DROP = [
  "DROP TRIGGER conversation_number_search_insert",
  "DROP TRIGGER conversation_number_search_update",
  "DROP TRIGGER conversation_number_search_delete",
  "DROP TABLE conversation_number_search",
];

const TRIGRAM_SEARCH_DROP = [
  "DROP TRIGGER conversation_search_insert",
  "DROP TRIGGER conversation_search_delete",
  "DROP TABLE conversation_search",
];

/** The trigram table of migration 0010, restored by `down`. */
const TRIGRAM_SEARCH_CREATE = [
  `CREATE VIRTUAL TABLE conversation_search USING fts5(
     customer_number, conversation_id UNINDEXED, company_id UNINDEXED,
     tokenize = 'trigram')`,
  `CREATE TRIGGER conversation_search_insert AFTER INSERT ON conversations BEGIN
     INSERT INTO conversation_search (customer_number, conversation_id, company_id)
     VALUES (new.customer_number, new.id, new.company_id);
   END`,
  `CREATE TRIGGER conversation_search_delete AFTER DELETE ON conversations BEGIN
     DELETE FROM conversation_search WHERE conversation_id = old.id;
   END`,
  `INSERT INTO conversation_search (customer_number, conversation_id, company_id)
   SELECT customer_number, id, company_id FROM conversations`,
];

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
