import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // After a rotation the previous token keeps working until it expires, so
  // no text is lost while the numbers on Twilio are being updated.
  await db.schema
    .alterTable("companies")
    .addColumn("previous_webhook_token", "text")
    .execute();
  await db.schema
    .alterTable("companies")
    .addColumn("previous_webhook_token_expires_at", "text")
    .execute();
  await db.schema
    .createIndex("companies_previous_webhook_token")
    .on("companies")
    .column("previous_webhook_token")
    .execute();

  // The last webhook check of each inbox number on Twilio, so the inbox can
  // warn about a wrong webhook without calling Twilio on every load.
  await db.schema
    .createTable("webhook_health")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("phone_number", "text", (col) => col.notNull())
    .addColumn("lookup", "text", (col) => col.notNull())
    .addColumn("twilio_sid", "text")
    .addColumn("sms_url", "text")
    .addColumn("sms_method", "text")
    .addColumn("sms_capable", "integer")
    .addColumn("error_code", "integer")
    .addColumn("error_message", "text")
    .addColumn("checked_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("webhook_health_pk", [
      "company_id",
      "phone_number",
    ])
    .execute();

  // The setup page shows when each number last received a text.
  await db.schema
    .createIndex("messages_company_inbound_to")
    .on("messages")
    .columns(["company_id", "direction", "to_number", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("messages_company_inbound_to").execute();
  await db.schema.dropTable("webhook_health").execute();
  await db.schema.dropIndex("companies_previous_webhook_token").execute();
  await db.schema
    .alterTable("companies")
    .dropColumn("previous_webhook_token_expires_at")
    .execute();
  await db.schema
    .alterTable("companies")
    .dropColumn("previous_webhook_token")
    .execute();
}
