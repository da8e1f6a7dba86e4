import { sql } from "kysely";
import type { Db } from "../database.js";
import { DatabaseCopyError } from "./copy-error.js";
import { IDENTITY_TABLES, type TableName } from "./copy-tables.js";
import {
  matchColumns,
  readPostgresColumns,
  readSqliteColumns,
} from "./table-columns.js";

export type Row = Record<string, unknown>;

/** Called after each batch is inserted, inside the target transaction. */
export type BatchHook = (
  target: Db,
  batch: { table: TableName; rows: Row[] },
) => Promise<void>;

/** SQLite's row id, selected under a name no table uses. */
const ROWID_ALIAS = "copy_source_rowid";

/**
 * Copies every row of `table` from SQLite into PostgreSQL, `batchSize`
 * rows per INSERT, in rowid order. Values and ids, identity ids included,
 * are copied unchanged. Returns the number of rows copied.
 */
export async function copyTable(
  source: Db,
  target: Db,
  table: TableName,
  options: { batchSize: number; onBatch?: BatchHook },
): Promise<number> {
  const columns = matchColumns(
    table,
    await readSqliteColumns(source, table),
    await readPostgresColumns(target, table),
  );
  let lastRowid = 0;
  let copied = 0;

  for (;;) {
    const { rows } = await sql<Row>`
      SELECT rowid AS ${sql.id(ROWID_ALIAS)}, * FROM ${sql.table(table)}
      WHERE rowid > ${lastRowid} ORDER BY rowid LIMIT ${options.batchSize}
    `.execute(source);
    const last = rows.at(-1);
    if (!last) break;

    await insertBatch(target, table, columns, rows);
    copied += rows.length;
    await options.onBatch?.(target, { table, rows });

    lastRowid = Number(last[ROWID_ALIAS]);
    if (rows.length < options.batchSize) break;
  }

  return copied;
}

async function insertBatch(
  target: Db,
  table: TableName,
  columns: string[],
  rows: Row[],
): Promise<void> {
  const values = rows.map((row) => {
    const cells = columns.map((column) =>
      checkedValue(table, column, row, row[column]),
    );

    return sql`(${sql.join(cells)})`;
  });
  // OVERRIDING SYSTEM VALUE stores the given ids even where an identity
  // column is GENERATED ALWAYS. Event ids must stay as they were, because
  // live-update streams resume from the last event id a browser saw.
  const identityTables: readonly TableName[] = IDENTITY_TABLES;
  const override = identityTables.includes(table)
    ? sql`OVERRIDING SYSTEM VALUE`
    : sql``;

  await sql`
    INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.id(column)))})
    ${override} VALUES ${sql.join(values)}
  `.execute(target);
}

/**
 * Returns the value unchanged, or throws for text PostgreSQL cannot store:
 * a NUL character. The error names the table, column and rowid, which the
 * driver's own error would not.
 */
function checkedValue(
  table: TableName,
  column: string,
  row: Row,
  value: unknown,
): unknown {
  if (typeof value === "string" && value.includes("\u0000")) {
    throw new DatabaseCopyError(
      `Row ${String(row[ROWID_ALIAS])} (rowid) of ${table} has a NUL character in ${column}, which PostgreSQL text cannot store. Remove it in the SQLite file and run the copy again.`,
    );
  }

  return value;
}
