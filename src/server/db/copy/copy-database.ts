import { sql } from "kysely";
import {
  isPostgresUrl,
  migrateToLatest,
  openDatabase,
  type Db,
} from "../database.js";
import { DatabaseCopyError } from "./copy-error.js";
import { COPY_TABLE_ORDER } from "./copy-tables.js";
import {
  assertTargetEmpty,
  compareDatabases,
  CopyVerificationError,
  reportMatches,
  type CopyReport,
} from "./copy-verification.js";
import {
  assertSourceMigrated,
  openSourceDatabase,
  readSqliteEventSequence,
} from "./source-database.js";
import { copyTable, type BatchHook } from "./table-copier.js";

export const DEFAULT_BATCH_SIZE = 500;

export interface CopyOptions {
  /** Path of the SQLite database file. */
  from: string;
  /** postgres:// URL of the target database. */
  to: string;
  /** Rows per INSERT; DEFAULT_BATCH_SIZE unless given. */
  batchSize?: number;
  /** Runs after each inserted batch, before verification. */
  onBatch?: BatchHook;
}

/**
 * Copies an SQLite database into an empty PostgreSQL database. Migrates the
 * target, copies every table in one transaction, then compares row counts
 * and a messages checksum. Throws CopyVerificationError, after rolling the
 * transaction back, when they differ.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyReport> {
  if (!isPostgresUrl(options.to)) {
    throw new DatabaseCopyError(
      "The target must be a postgres:// or postgresql:// URL. Pass it with --to or TO.",
    );
  }

  const source = openSourceDatabase(options.from);
  try {
    await assertSourceMigrated(source);

    const target = openDatabase(options.to);
    try {
      await migrateToLatest(target);

      // The source transaction reads one snapshot of the SQLite file, so an
      // app still writing to it cannot make the tables disagree.
      return await source
        .transaction()
        .execute((snapshot) =>
          target
            .transaction()
            .execute((trx) => copyAndVerify(snapshot, trx, options)),
        );
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

async function copyAndVerify(
  source: Db,
  target: Db,
  options: CopyOptions,
): Promise<CopyReport> {
  await assertTargetEmpty(target);

  for (const table of COPY_TABLE_ORDER) {
    await copyTable(source, target, table, {
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      onBatch: options.onBatch,
    });
  }
  await restartEventIds(source, target);

  const report = await compareDatabases(source, target);
  if (!reportMatches(report)) throw new CopyVerificationError(report);

  return report;
}

/**
 * Moves the inbox_events identity past every id SQLite handed out, so new
 * events never reuse the id of a copied or pruned one.
 */
async function restartEventIds(source: Db, target: Db): Promise<void> {
  const sqliteSequence = await readSqliteEventSequence(source);

  await sql`
    SELECT setval(
      pg_get_serial_sequence('inbox_events', 'id'),
      greatest((SELECT coalesce(max(id), 0) FROM inbox_events), ${sqliteSequence}) + 1,
      false
    )
  `.execute(target);
}
