import { PostgresAdapter, sql, type Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addUnreadCounters(db);
  await backfillUnreadCounters(db);
  if (isPostgres(db)) {
    await addPostgresSearchIndexes(db);
  } else {
    await addSqliteSearchTables(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const index of POSTGRES_SEARCH_INDEXES) {
      await sql`DROP INDEX IF EXISTS ${sql.id(index.name)}`.execute(db);
    }
  } else {
    for (const statement of SQLITE_SEARCH_DROP) {
      await sql.raw(statement).execute(db);
    }
  }
  await db.schema.dropTable("staff_read_counts").execute();
  await db.schema.dropTable("company_inbound_counts").execute();
  await db.schema
    .alterTable("conversation_reads")
    .dropColumn("read_inbound_count")
    .execute();
  await db.schema
    .alterTable("conversations")
    .dropColumn("last_inbound_at")
    .execute();
  await db.schema
    .alterTable("conversations")
    .dropColumn("inbound_count")
    .execute();
}

/**
 * Unread counts become differences of counters: per conversation,
 * inbound_count minus the staff member's read_inbound_count, and per staff
 * member, the company's inbound total minus their read total.
 */
async function addUnreadCounters(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversations")
    .addColumn("inbound_count", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("last_inbound_at", "text")
    .execute();
  await db.schema
    .alterTable("conversation_reads")
    .addColumn("read_inbound_count", "integer", (col) =>
      col.notNull().defaultTo(0),
    )
    .execute();

  await db.schema
    .createTable("company_inbound_counts")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("shard", "integer", (col) => col.notNull())
    .addColumn("inbound_count", "bigint", (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("company_inbound_counts_pk", [
      "company_id",
      "shard",
    ])
    .execute();

  await db.schema
    .createTable("staff_read_counts")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("read_inbound_count", "bigint", (col) =>
      col.notNull().defaultTo(0),
    )
    .addPrimaryKeyConstraint("staff_read_counts_pk", ["company_id", "staff_id"])
    .execute();
}

async function backfillUnreadCounters(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE conversations SET
      inbound_count = (
        SELECT count(*) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.direction = 'inbound'
      ),
      last_inbound_at = (
        SELECT max(m.created_at) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.direction = 'inbound'
      )
  `.execute(db);
  await sql`
    UPDATE conversation_reads SET read_inbound_count = (
      SELECT count(*) FROM messages m
      WHERE m.conversation_id = conversation_reads.conversation_id
        AND m.direction = 'inbound'
        AND m.created_at <= conversation_reads.last_read_at
    )
  `.execute(db);
  await sql`
    INSERT INTO company_inbound_counts (company_id, shard, inbound_count)
    SELECT company_id, 0, sum(inbound_count) FROM conversations
    GROUP BY company_id
  `.execute(db);
  await sql`
    INSERT INTO staff_read_counts (company_id, staff_id, read_inbound_count)
    SELECT c.company_id, r.staff_id, sum(r.read_inbound_count)
    FROM conversation_reads r
    JOIN conversations c ON c.id = r.conversation_id
    GROUP BY c.company_id, r.staff_id
  `.execute(db);
}

const POSTGRES_SEARCH_INDEXES = [
  { name: "messages_body_trgm", table: "messages", column: "body" },
  { name: "customers_name_trgm", table: "customers", column: "name" },
  {
    name: "conversations_customer_number_trgm",
    table: "conversations",
    column: "customer_number",
  },
] as const;

/**
 * Adds pg_trgm GIN indexes that serve `ILIKE '%term%'`. Without the
 * extension the migration still succeeds and search scans the tables;
 * inbox-search.ts logs a warning when it finds the indexes missing.
 */
async function addPostgresSearchIndexes(db: Kysely<unknown>): Promise<void> {
  const schema = await ensureTrigramExtension(db);
  if (schema === null) return;

  for (const index of POSTGRES_SEARCH_INDEXES) {
    await sql`
      CREATE INDEX ${sql.id(index.name)} ON ${sql.id(index.table)}
      USING gin (${sql.id(index.column)} ${sql.id(schema)}.gin_trgm_ops)
    `.execute(db);
  }
}

/** Returns the schema that holds pg_trgm, installing it when allowed. */
async function ensureTrigramExtension(
  db: Kysely<unknown>,
): Promise<string | null> {
  const installed = await trigramSchema(db);
  if (installed !== null) return installed;

  // Installing into public keeps the extension when a schema that only one
  // deployment or test uses is dropped. A savepoint keeps the migration's
  // transaction usable when the role may not create extensions.
  await sql`SAVEPOINT install_pg_trgm`.execute(db);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(
      db,
    );
    await sql`RELEASE SAVEPOINT install_pg_trgm`.execute(db);
  } catch {
    await sql`ROLLBACK TO SAVEPOINT install_pg_trgm`.execute(db);
  }

  return trigramSchema(db);
}

async function trigramSchema(db: Kysely<unknown>): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'
  `.execute(db);

  return rows[0]?.schema ?? null;
}

/**
 * FTS5 tables with the trigram tokenizer serve substring matches of three
 * or more characters. Each stores its own copy of the text with the row's
 * ids, rather than pointing at the source rowid, because VACUUM may renumber
 * the rowids of tables with a text primary key.
 * NOTE: the id columns are UNINDEXED, so each delete trigger scans its
 * search table. Deletes are rare (an empty conversation, a customer, a
 * whole company), but deleting a large company this way costs one scan
 * per message.
 */
const SQLITE_SEARCH_CREATE = [
  `CREATE VIRTUAL TABLE message_search USING fts5(
     body, message_id UNINDEXED, conversation_id UNINDEXED,
     company_id UNINDEXED, tokenize = 'trigram')`,
  `CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
     INSERT INTO message_search (body, message_id, conversation_id, company_id)
     VALUES (new.body, new.id, new.conversation_id, new.company_id);
   END`,
  `CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
     DELETE FROM message_search WHERE message_id = old.id;
   END`,
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
  `INSERT INTO message_search (body, message_id, conversation_id, company_id)
   SELECT body, id, conversation_id, company_id FROM messages`,
  `INSERT INTO customer_search (name, customer_id, company_id)
   SELECT name, id, company_id FROM customers`,
  `INSERT INTO conversation_search (customer_number, conversation_id, company_id)
   SELECT customer_number, id, company_id FROM conversations`,
];

const SQLITE_SEARCH_DROP = [
  "DROP TRIGGER message_search_insert",
  "DROP TRIGGER message_search_delete",
  "DROP TRIGGER customer_search_insert",
  "DROP TRIGGER customer_search_update",
  "DROP TRIGGER customer_search_delete",
  "DROP TRIGGER conversation_search_insert",
  "DROP TRIGGER conversation_search_delete",
  "DROP TABLE message_search",
  "DROP TABLE customer_search",
  "DROP TABLE conversation_search",
];

async function addSqliteSearchTables(db: Kysely<unknown>): Promise<void> {
  for (const statement of SQLITE_SEARCH_CREATE) {
    await sql.raw(statement).execute(db);
  }
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
