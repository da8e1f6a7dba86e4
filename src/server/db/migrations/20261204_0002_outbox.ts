import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One delivery job per outbound message, committed with the message, so a
  // text that staff sent is never lost between the database and Twilio.
  await db.schema
    .createTable("outbox_jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("message_id", "text", (col) =>
      col.notNull().unique().references("messages.id").onDelete("cascade"),
    )
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (col) => col.notNull())
    .addColumn("locked_until", "text")
    .addColumn("locked_by", "text")
    .addColumn("reconcile_first", "integer", (col) =>
      col.notNull().defaultTo(0),
    )
    .addColumn("last_error", "text")
    .addColumn("queued_at", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("outbox_jobs_due")
    .on("outbox_jobs")
    .columns(["state", "next_attempt_at"])
    .execute();

  // The primary key is what makes a repeated send request idempotent: two
  // concurrent requests with one key cannot both insert.
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("request_hash", "text", (col) => col.notNull())
    .addColumn("message_id", "text", (col) =>
      col.notNull().references("messages.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", [
      "company_id",
      "staff_id",
      "key",
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("idempotency_keys").execute();
  await db.schema.dropTable("outbox_jobs").execute();
}
