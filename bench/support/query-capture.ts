import Database from "better-sqlite3";
import pg from "pg";

/** One statement a request ran, with its bound values. */
export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

let capturing: CapturedQuery[] | null = null;

/**
 * Records every statement that better-sqlite3 or pg runs while `action`
 * runs, so a benchmark can EXPLAIN exactly what an endpoint executed.
 * Patches both drivers' prototypes on first use.
 */
export async function captureQueries(
  action: () => Promise<unknown>,
): Promise<CapturedQuery[]> {
  installHooks();
  const captured: CapturedQuery[] = [];
  capturing = captured;
  try {
    await action();
  } finally {
    capturing = null;
  }

  return captured;
}

let installed = false;
// Installed on import, so statements that a cache prepares before the first
// capture are recorded too.
installHooks();

function installHooks() {
  if (installed) return;
  installed = true;

  type Runner = (...args: unknown[]) => unknown;
  const sqlitePrototype = Database.prototype as unknown as {
    prepare: (sql: string) => Record<string, Runner>;
  };
  const prepare = sqlitePrototype.prepare;
  sqlitePrototype.prepare = function (this: unknown, sqlText: string) {
    const statement = prepare.call(this, sqlText);
    for (const method of ["all", "get", "run", "iterate"]) {
      const original = statement[method];
      if (!original) continue;
      statement[method] = (...args: unknown[]) => {
        capturing?.push({ sql: sqlText, parameters: args.flat() });
        return original.apply(statement, args);
      };
    }
    return statement;
  };

  const clientPrototype = pg.Client.prototype as unknown as { query: Runner };
  const query = clientPrototype.query;
  clientPrototype.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === "string") {
      capturing?.push({
        sql: text,
        parameters: Array.isArray(values) ? values : [],
      });
    } else if (text && typeof text === "object" && "text" in text) {
      const config = text as { text: string; values?: unknown[] };
      capturing?.push({ sql: config.text, parameters: config.values ?? [] });
    }
    return query.apply(this, args);
  };
}
