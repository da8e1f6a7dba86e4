import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Db } from "./database.js";

/**
 * Returns true when `db` runs on PostgreSQL. Feature code stays
 * dialect-neutral; only database helpers and the outbox claim branch on it.
 */
export function isPostgres<T>(db: Kysely<T>): boolean {
  // NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it
  // is the only way to read the adapter of a Kysely instance.
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises the first-run setup: after this call, no other transaction can
 * insert a company until `trx` ends. SQLite needs no lock, because it runs
 * one write transaction at a time. A second setup waits for the first, or
 * fails with SQLITE_BUSY, and never commits a second company.
 */
export async function lockForFirstRun(trx: Db): Promise<void> {
  if (!isPostgres(trx)) return;

  // EXCLUSIVE mode still lets other sessions read companies but blocks
  // inserts, so a concurrent setup waits here and then reads this company.
  await sql`LOCK TABLE companies IN EXCLUSIVE MODE`.execute(trx);
}

/**
 * Returns true when `error` is a unique or primary-key violation:
 * SQLSTATE 23505 on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE or
 * SQLITE_CONSTRAINT_PRIMARYKEY on SQLite.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) {
    return false;
  }

  const { code } = error;

  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
