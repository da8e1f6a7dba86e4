import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { Logger } from "../../../logger.js";

const checked = new WeakSet<Db>();

/**
 * Logs a warning, once per database handle, when PostgreSQL lacks the
 * pg_trgm indexes that migration 0010 creates only where the extension
 * could be installed. Search still works without them, by scanning.
 */
export async function warnWhenSearchIsUnindexed(
  db: Db,
  logger: Logger,
): Promise<void> {
  if (checked.has(db) || !isPostgres(db)) return;
  checked.add(db);

  const { rows } = await sql<{ found: number }>`
    SELECT 1 AS found FROM pg_indexes
    WHERE schemaname = current_schema() AND indexname = 'messages_body_trgm'
  `.execute(db);
  if (rows.length > 0) return;

  logger.warn(
    "Inbox search runs without indexes and scans every message, because the PostgreSQL extension pg_trgm was not installed when the database was migrated. Install it (CREATE EXTENSION pg_trgm, as a superuser) and create the indexes messages_body_trgm, customers_name_trgm and conversations_customer_number_trgm as in migration 20261204_0010_inbox_scale.",
  );
}
