import { sql } from "kysely";
import type { Db } from "../database.js";
import { DatabaseCopyError } from "./copy-error.js";
import type { TableName } from "./copy-tables.js";

/** Returns the table's column names on SQLite, in table order. */
export async function readSqliteColumns(
  source: Db,
  table: TableName,
): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`.execute(source);

  return rows.map((row) => row.name);
}

/** Returns the table's column names in the current PostgreSQL schema. */
export async function readPostgresColumns(
  target: Db,
  table: TableName,
): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
    ORDER BY ordinal_position
  `.execute(target);

  return rows.map((row) => row.name);
}

/**
 * Returns the columns to copy, and throws when the two sides name different
 * columns, because a column only one side has would be lost or left empty.
 */
export function matchColumns(
  table: TableName,
  sourceColumns: string[],
  targetColumns: string[],
): string[] {
  const onlySource = sourceColumns.filter(
    (column) => !targetColumns.includes(column),
  );
  const onlyTarget = targetColumns.filter(
    (column) => !sourceColumns.includes(column),
  );
  if (onlySource.length > 0 || onlyTarget.length > 0) {
    throw new DatabaseCopyError(
      `Table ${table} has different columns in the two databases (only in SQLite: ${onlySource.join(", ") || "none"}; only in PostgreSQL: ${onlyTarget.join(", ") || "none"}). Migrate both with the same app version and run the copy again.`,
    );
  }

  return sourceColumns;
}
