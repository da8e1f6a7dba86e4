import { sql } from "kysely";
import type { Db } from "../database.js";
import { DatabaseCopyError } from "./copy-error.js";
import { COPY_TABLE_ORDER, type TableName } from "./copy-tables.js";
import { checksumMessages } from "./messages-checksum.js";

export interface TableCount {
  table: TableName;
  source: number;
  target: number;
}

/** Row counts and messages checksums of both sides, taken after the copy. */
export interface CopyReport {
  counts: TableCount[];
  sourceChecksum: string;
  targetChecksum: string;
}

/** A copy whose rows differ between the two sides. It was rolled back. */
export class CopyVerificationError extends DatabaseCopyError {
  constructor(readonly report: CopyReport) {
    super(
      "The copy does not match the SQLite database, so it was rolled back and PostgreSQL is unchanged. Check that nothing writes to either database during the copy and run it again.",
    );
    this.name = "CopyVerificationError";
  }
}

/** Counts every table and checksums `messages` on both sides. */
export async function compareDatabases(
  source: Db,
  target: Db,
): Promise<CopyReport> {
  const counts: TableCount[] = [];
  for (const table of COPY_TABLE_ORDER) {
    counts.push({
      table,
      source: await countRows(source, table),
      target: await countRows(target, table),
    });
  }

  return {
    counts,
    sourceChecksum: await checksumMessages(source),
    targetChecksum: await checksumMessages(target),
  };
}

export function reportMatches(report: CopyReport): boolean {
  return (
    report.sourceChecksum === report.targetChecksum &&
    report.counts.every((count) => count.source === count.target)
  );
}

export async function countRows(db: Db, table: TableName): Promise<number> {
  const { rows } = await sql<{
    count: number | string;
  }>`SELECT count(*) AS count FROM ${sql.table(table)}`.execute(db);

  return Number(rows[0]?.count ?? 0);
}

/** Throws when any product table of the target has a row. */
export async function assertTargetEmpty(target: Db): Promise<void> {
  const filled: TableName[] = [];
  for (const table of COPY_TABLE_ORDER) {
    const { rows } = await sql`
      SELECT 1 FROM ${sql.table(table)} LIMIT 1
    `.execute(target);
    if (rows.length > 0) filled.push(table);
  }
  if (filled.length === 0) return;

  throw new DatabaseCopyError(
    `The target database is not empty: ${filled.join(", ")} already have rows. Nothing was copied. Copy into a new, empty PostgreSQL database or schema.`,
  );
}
