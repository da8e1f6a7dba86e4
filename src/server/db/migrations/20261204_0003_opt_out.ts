import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per customer and company number, because a STOP sent to one
  // number blocks only that number (or its Messaging Service) on Twilio.
  await db.schema
    .createTable("opt_outs")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("customer_number", "text", (col) => col.notNull())
    .addColumn("inbox_number", "text", (col) => col.notNull())
    .addColumn("opted_out", "integer", (col) => col.notNull())
    .addColumn("keyword", "text")
    .addColumn("opted_out_at", "text")
    .addColumn("opted_in_at", "text")
    .addColumn("last_help_at", "text")
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("opt_outs_pk", [
      "company_id",
      "customer_number",
      "inbox_number",
    ])
    .execute();

  await db.schema
    .alterTable("messages")
    .addColumn("status_changed_at", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("messages")
    .dropColumn("status_changed_at")
    .execute();
  await db.schema.dropTable("opt_outs").execute();
}
