import { PostgresAdapter, sql, type Kysely } from "kysely";

/*
 * On SQLite the app writes each new message's entry in message_search
 * (plugins/sms-inbox/search/message-search-index.ts) instead of a trigger,
 * so a transaction that stores several texts writes their entries
 * together after its last text. The delete trigger stays. PostgreSQL
 * searches messages.body through its pg_trgm index and is unchanged.
 */

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;

  await sql`DROP TRIGGER message_search_insert`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;

  await sql`
    CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
      INSERT INTO message_search (body, message_id, conversation_id, company_id)
      VALUES (new.body, new.id, new.conversation_id, new.company_id);
    END
  `.execute(db);
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
