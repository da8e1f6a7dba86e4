import type { Kysely } from "kysely";

/**
 * Adds the label staff see next to each inbox number: inbox_numbers.name
 * for an added number and twilio_connections.default_number_name for the
 * company's default number. Both are null for numbers stored before this
 * migration, until a manager names them or the Twilio connection is saved
 * again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("inbox_numbers")
    .addColumn("name", "text")
    .execute();
  await db.schema
    .alterTable("twilio_connections")
    .addColumn("default_number_name", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("twilio_connections")
    .dropColumn("default_number_name")
    .execute();
  await db.schema.alterTable("inbox_numbers").dropColumn("name").execute();
}
