import Database from "better-sqlite3";
import pg from "pg";

export type Row = (string | number | null)[];

/** Inserts rows in batches, each batch in its own transaction. */
export interface BulkWriter {
  insert(
    table: string,
    columns: readonly string[],
    rows: readonly Row[],
  ): Promise<void>;
  /** Runs one statement, such as ANALYZE. */
  run(statement: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a bulk writer on a migrated database. On PostgreSQL, a batch is one
 * INSERT ... SELECT FROM unnest(...) with one array per column, typed by
 * `columnTypes`; on SQLite, one prepared INSERT run per row inside a
 * transaction. Both are far faster than one statement per transaction.
 */
export async function openBulkWriter(
  databaseUrl: string,
  columnTypes: Record<string, string>,
): Promise<BulkWriter> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();

    return {
      insert: async (table, columns, rows) => {
        if (rows.length === 0) return;
        const arrays = columns.map((_, column) =>
          rows.map((row) => row[column] ?? null),
        );
        const unnest = columns
          .map(
            (column, index) =>
              `$${index + 1}::${columnTypes[column] ?? "text"}[]`,
          )
          .join(", ");
        await client.query(
          `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${unnest})`,
          arrays,
        );
      },
      run: async (statement) => {
        await client.query(statement);
      },
      close: () => client.end(),
    };
  }

  const sqlite = new Database(databaseUrl);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  const statements = new Map<string, Database.Statement>();

  return {
    insert: async (table, columns, rows) => {
      const key = `${table}(${columns.join(",")})`;
      let statement = statements.get(key);
      if (!statement) {
        statement = sqlite.prepare(
          `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        statements.set(key, statement);
      }
      const insertRow = statement;
      sqlite.transaction(() => {
        for (const row of rows) insertRow.run(row);
      })();
    },
    run: async (statement) => {
      sqlite.exec(statement);
    },
    close: async () => {
      sqlite.close();
    },
  };
}
