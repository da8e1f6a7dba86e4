import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The bytes live on disk under DATA_DIR/uploads/<id>, not in the database.
  await db.schema
    .createTable("media_uploads")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("uploaded_by_staff_id", "text", (col) =>
      col.references("staff.id").onDelete("set null"),
    )
    .addColumn("public_token", "text", (col) => col.notNull().unique())
    .addColumn("filename", "text", (col) => col.notNull())
    .addColumn("content_type", "text", (col) => col.notNull())
    .addColumn("size", "integer", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("media_uploads").execute();
}
