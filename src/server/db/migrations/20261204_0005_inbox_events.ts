import { PostgresAdapter, type Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An append-only log of inbox changes. Live-update streams send the rows
  // after the last id a client has seen, so an id must never be reused.
  // AUTOINCREMENT on SQLite guarantees that, unlike a plain rowid.
  await db.schema
    .createTable("inbox_events")
    .addColumn("id", isPostgres(db) ? "bigint" : "integer", (col) =>
      isPostgres(db)
        ? col.generatedByDefaultAsIdentity().primaryKey()
        : col.primaryKey().autoIncrement(),
    )
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("conversation_id", "text", (col) =>
      col.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("message_id", "text", (col) =>
      col.references("messages.id").onDelete("cascade"),
    )
    .addColumn("staff_id", "text", (col) =>
      col.references("staff.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("inbox_events_company_id")
    .on("inbox_events")
    .columns(["company_id", "id"])
    .execute();
  // Pruning deletes by age.
  await db.schema
    .createIndex("inbox_events_created_at")
    .on("inbox_events")
    .column("created_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("inbox_events").execute();
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
