import { PostgresAdapter, sql, type Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL keeps the pg_trgm index on customers.name from migration 0010.
  if (isPostgres(db)) return;

  for (const statement of [...NAME_SEARCH_CREATE, ...OLD_NAME_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;

  for (const statement of [...OLD_NAME_SEARCH_CREATE, ...NAME_SEARCH_DROP]) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * Name search on SQLite. `customer_name_keys` gives each customer an
 * integer key with the columns the search needs (its id, company and
 * E.164 number), and the FTS5 trigram table `customer_name_search` stores
 * each name under that key as its rowid. A match then reaches its customer
 * with one lookup by integer primary key. The table of migration 0010
 * that this replaces stored the text id, so each match cost a lookup of
 * its copied columns, of `customers` by text id and of the customer's row.
 *
 * The key is a column of its own, not the rowid of `customers`, because
 * VACUUM may renumber the rowids of a table whose primary key is not an
 * INTEGER PRIMARY KEY. The triggers find a customer's key through the
 * unique index on `customer_id`, so renaming or deleting a customer no
 * longer scans the search table.
 */
const NAME_SEARCH_CREATE = [
  `CREATE TABLE customer_name_keys (
     key INTEGER PRIMARY KEY,
     customer_id TEXT NOT NULL UNIQUE,
     company_id TEXT NOT NULL,
     phone_e164 TEXT
   )`,
  `CREATE VIRTUAL TABLE customer_name_search USING fts5(
     name, tokenize = 'trigram')`,
  `CREATE TRIGGER customer_name_search_insert AFTER INSERT ON customers BEGIN
     INSERT INTO customer_name_keys (customer_id, company_id, phone_e164)
     VALUES (new.id, new.company_id, new.phone_e164);
     INSERT INTO customer_name_search (rowid, name)
     SELECT key, new.name FROM customer_name_keys WHERE customer_id = new.id;
   END`,
  `CREATE TRIGGER customer_name_search_update_name
   AFTER UPDATE OF name ON customers BEGIN
     UPDATE customer_name_search SET name = new.name
     WHERE rowid = (
       SELECT key FROM customer_name_keys WHERE customer_id = old.id
     );
   END`,
  `CREATE TRIGGER customer_name_search_update_keys
   AFTER UPDATE OF id, company_id, phone_e164 ON customers BEGIN
     UPDATE customer_name_keys SET
       customer_id = new.id,
       company_id = new.company_id,
       phone_e164 = new.phone_e164
     WHERE customer_id = old.id;
   END`,
  `CREATE TRIGGER customer_name_search_delete AFTER DELETE ON customers BEGIN
     DELETE FROM customer_name_search
     WHERE rowid = (
       SELECT key FROM customer_name_keys WHERE customer_id = old.id
     );
     DELETE FROM customer_name_keys WHERE customer_id = old.id;
   END`,
  // Rowid order keeps the keys in the order customers were stored.
  `INSERT INTO customer_name_keys (customer_id, company_id, phone_e164)
   SELECT id, company_id, phone_e164 FROM customers ORDER BY rowid`,
  `INSERT INTO customer_name_search (rowid, name)
   SELECT k.key, cu.name
   FROM customer_name_keys AS k
   JOIN customers AS cu ON cu.id = k.customer_id`,
  // A bulk insert leaves the index in many segments, and a search reads
  // every segment. Merging them took the FTS5 part of a search with 100
  // matches among 50,000 customers from 0.11 to 0.06 ms (data of
  // bench/seed-inbox.ts, 2 cores).
  `INSERT INTO customer_name_search (customer_name_search) VALUES ('optimize')`,
];

const NAME_SEARCH_DROP = [
  "DROP TRIGGER customer_name_search_insert",
  "DROP TRIGGER customer_name_search_update_name",
  "DROP TRIGGER customer_name_search_update_keys",
  "DROP TRIGGER customer_name_search_delete",
  "DROP TABLE customer_name_search",
  "DROP TABLE customer_name_keys",
];

const OLD_NAME_SEARCH_DROP = [
  "DROP TRIGGER customer_search_insert",
  "DROP TRIGGER customer_search_update",
  "DROP TRIGGER customer_search_delete",
  "DROP TABLE customer_search",
];

/** The name search table of migration 0010, restored by `down`. */
const OLD_NAME_SEARCH_CREATE = [
  `CREATE VIRTUAL TABLE customer_search USING fts5(
     name, customer_id UNINDEXED, company_id UNINDEXED, tokenize = 'trigram')`,
  `CREATE TRIGGER customer_search_insert AFTER INSERT ON customers BEGIN
     INSERT INTO customer_search (name, customer_id, company_id)
     VALUES (new.name, new.id, new.company_id);
   END`,
  `CREATE TRIGGER customer_search_update AFTER UPDATE OF name ON customers BEGIN
     UPDATE customer_search SET name = new.name WHERE customer_id = old.id;
   END`,
  `CREATE TRIGGER customer_search_delete AFTER DELETE ON customers BEGIN
     DELETE FROM customer_search WHERE customer_id = old.id;
   END`,
  `INSERT INTO customer_search (name, customer_id, company_id)
   SELECT name, id, company_id FROM customers`,
];

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
