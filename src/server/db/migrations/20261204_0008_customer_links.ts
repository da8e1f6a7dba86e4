import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The customer staff chose for a conversation, for numbers that several
  // customers share or that no customer has on file. Deleting the customer
  // clears the choice, and the conversation stays.
  await db.schema
    .alterTable("conversations")
    .addColumn("customer_id", "text", (col) =>
      col.references("customers.id").onDelete("set null"),
    )
    .execute();

  // Deleting a customer looks up the conversations that point at it.
  await db.schema
    .createIndex("conversations_customer_idx")
    .on("conversations")
    .column("customer_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("conversations_customer_idx").execute();
  await db.schema
    .alterTable("conversations")
    .dropColumn("customer_id")
    .execute();
}
