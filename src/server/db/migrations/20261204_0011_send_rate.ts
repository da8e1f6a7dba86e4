import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per sending number: the earliest time the outbox may claim the
  // next text from it. Every worker reserves the slot in the transaction
  // that claims the job, so instances sharing the database share the limit.
  await db.schema
    .createTable("outbox_sender_slots")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("from_number", "text", (col) => col.notNull())
    .addColumn("next_send_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("outbox_sender_slots_pk", [
      "company_id",
      "from_number",
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("outbox_sender_slots").execute();
}
