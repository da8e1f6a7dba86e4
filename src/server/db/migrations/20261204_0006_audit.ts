import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    // No foreign key: the entry outlives a deleted staff member, and
    // `actor_name` keeps who it was.
    .addColumn("actor_staff_id", "text")
    .addColumn("actor_name", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("target_label", "text")
    .addColumn("details", "text", (col) => col.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  // The audit page reads a company's entries newest first, by keyset.
  await db.schema
    .createIndex("audit_events_company_created_idx")
    .on("audit_events")
    .columns(["company_id", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
}
