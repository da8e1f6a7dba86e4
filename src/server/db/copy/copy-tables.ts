import type { Database } from "../schema.js";

export type TableName = keyof Database;

/**
 * Every product table, parents before children, so each row's foreign keys
 * point at rows that are already copied. Kysely's migration tables are left
 * out because the target database runs the migrations itself.
 */
export const COPY_TABLE_ORDER = [
  "companies",
  "twilio_connections",
  "locations",
  "roles",
  "staff",
  "staff_locations",
  "staff_invitations",
  "sessions",
  "customers",
  "plugin_installations",
  "plugin_locations",
  "inbox_numbers",
  "webhook_health",
  "conversations",
  "messages",
  "message_media",
  "conversation_reads",
  "company_inbound_counts",
  "staff_read_counts",
  "outbox_jobs",
  "outbox_sender_slots",
  "idempotency_keys",
  "opt_outs",
  "media_uploads",
  "inbox_events",
  "audit_events",
] as const satisfies readonly TableName[];

/**
 * Fails to compile when a table of the Database interface is missing from
 * COPY_TABLE_ORDER. The tests compare the list with the migrated tables too.
 */
type MissingTable = Exclude<TableName, (typeof COPY_TABLE_ORDER)[number]>;
const everyTableListed: [MissingTable] extends [never] ? true : MissingTable =
  true;
void everyTableListed;

/** Tables whose id is a PostgreSQL identity column. */
export const IDENTITY_TABLES = ["inbox_events"] as const satisfies TableName[];
