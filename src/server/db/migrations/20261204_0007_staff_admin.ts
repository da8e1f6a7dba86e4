import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A removed staff member's row stays, so messages keep the sender's name.
  await db.schema.alterTable("staff").addColumn("removed_at", "text").execute();

  await db.schema
    .createTable("staff_invitations")
    // SHA-256 of the invitation token, so a leaked table grants nothing.
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("company_id", "text", (col) =>
      col.notNull().references("companies.id").onDelete("cascade"),
    )
    .addColumn("staff_id", "text", (col) =>
      col.notNull().references("staff.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("accepted_at", "text")
    .execute();
  await db.schema
    .createIndex("staff_invitations_staff_idx")
    .on("staff_invitations")
    .column("staff_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("staff_invitations").execute();
  await db.schema.alterTable("staff").dropColumn("removed_at").execute();
}
