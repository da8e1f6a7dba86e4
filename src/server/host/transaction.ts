import type { Db } from "../db/database.js";

/**
 * Runs `work` in a transaction, or directly in the caller's transaction when
 * `db` already is one, so services can be composed inside a larger one.
 */
export async function inTransaction<T>(
  db: Db,
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);

  return db.transaction().execute(work);
}
