import type { Kysely } from "kysely";

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A number in a Messaging Service's sender pool may have its texts sent
  // to the service's inbound URL, so each check stores the number's service
  // settings too, as JSON. Null means the services were not checked.
  await db.schema
    .alterTable("webhook_health")
    .addColumn("messaging_service", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("webhook_health")
    .dropColumn("messaging_service")
    .execute();
}
