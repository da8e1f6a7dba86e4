import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("companies")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("country", "text", (col) => col.notNull())
    .addColumn("webhook_token", "text", (col) => col.notNull().unique())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("twilio_connections")
    .addColumn("company_id", "text", (col) =>
      col.primaryKey().references("companies.id").onDelete("cascade"),
    )
    .addColumn("account_sid", "text", (col) => col.notNull())
    .addColumn("auth_token_encrypted", "text", (col) => col.notNull())
    .addColumn("default_number", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("twilio_connections_account_number")
    .on("twilio_connections")
    .columns(["account_sid", "default_number"])
    .execute();

  await db.schema
    .createTable("locations")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("roles")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("permissions", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("staff")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("role_id", "text", (col) => col.notNull().references("roles.id"))
    .addColumn("email", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("password_hash", "text", (col) => col.notNull())
    .addColumn("active", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("staff_locations")
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("location_id", "text", (col) =>
      col.notNull().references("locations.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("staff_locations_pk", ["staff_id", "location_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("csrf_token", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("customers")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("phone", "text", (col) => col.notNull())
    .addColumn("phone_e164", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("customers_company_phone")
    .on("customers")
    .columns(["company_id", "phone_e164"])
    .execute();

  await db.schema
    .createTable("plugin_installations")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("plugin_id", "text", (col) => col.notNull())
    .addColumn("installed_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("plugin_installations_pk", [
      "company_id",
      "plugin_id",
    ])
    .execute();

  await db.schema
    .createTable("plugin_locations")
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("plugin_id", "text", (col) => col.notNull())
    .addColumn("location_id", "text", (col) =>
      col.notNull().references("locations.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("plugin_locations_pk", [
      "company_id",
      "plugin_id",
      "location_id",
    ])
    .execute();

  await db.schema
    .createTable("inbox_numbers")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("account_sid", "text", (col) => col.notNull())
    .addColumn("phone_number", "text", (col) => col.notNull())
    .addColumn("twilio_sid", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addUniqueConstraint("inbox_numbers_account_number", [
      "account_sid",
      "phone_number",
    ])
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("customer_number", "text", (col) => col.notNull())
    .addColumn("inbox_number", "text", (col) => col.notNull())
    .addColumn("last_message_at", "text", (col) => col.notNull())
    .addColumn("last_message_preview", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addUniqueConstraint("conversations_company_customer", [
      "company_id",
      "customer_number",
    ])
    .execute();
  await db.schema
    .createIndex("conversations_company_activity")
    .on("conversations")
    .columns(["company_id", "last_message_at desc", "id desc"])
    .execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("conversation_id", "text", (col) =>
      col.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("direction", "text", (col) => col.notNull())
    .addColumn("twilio_sid", "text", (col) => col.unique())
    .addColumn("from_number", "text", (col) => col.notNull())
    .addColumn("to_number", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("error_code", "integer")
    .addColumn("error_message", "text")
    .addColumn("sent_by_staff_id", "text", (col) =>
      col.references("staff.id").onDelete("set null"),
    )
    .addColumn("num_media", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("messages_conversation_created")
    .on("messages")
    .columns(["conversation_id", "created_at desc", "id desc"])
    .execute();

  await db.schema
    .createTable("message_media")
    .addColumn("message_id", "text", (col) =>
      col.notNull().references("messages.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("content_type", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("message_media_pk", ["message_id", "position"])
    .execute();

  await db.schema
    .createTable("conversation_reads")
    .addColumn("conversation_id", "text", (col) =>
      col.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("last_read_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("conversation_reads_pk", [
      "conversation_id",
      "staff_id",
    ])
    .execute();
}
