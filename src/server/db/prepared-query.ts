import {
  CompiledQuery,
  type Compilable,
  type Kysely,
  type QueryResult,
  type RawBuilder,
} from "kysely";
import { isPostgres } from "./dialect.js";
import type { Database } from "./schema.js";

/** A stand-in for one named parameter while a prepared query is compiled. */
class Placeholder {
  constructor(readonly name: string) {}
}

interface CompiledShape {
  sql: string;
  /**
   * The binding at each position of `sql`, either a parameter's stand-in
   * or a constant that the query builder bound, such as a null column value.
   */
  bindings: readonly (Placeholder | { constant: unknown })[];
}

/** A query builder, or raw SQL from Kysely's `sql` tag. */
type QuerySource<Row> = Compilable<Row> | RawBuilder<Row>;

/** Runs a prepared query on `db` with `params` bound. */
export type PreparedQuery<Params, Row> = (
  db: Kysely<Database>,
  params: Params,
) => Promise<QueryResult<Row>>;

/**
 * Builds a query once per SQL dialect and returns a function that runs the
 * compiled SQL with new parameter values. Building and compiling a Kysely
 * query takes more CPU than SQLite needs to run a short INSERT, so the
 * statements that every incoming text runs are prepared this way.
 *
 * `build` receives stand-ins for the parameters, typed as their values. It
 * must pass each one to Kysely as a value and never read or compare it.
 * Any other value it binds is a constant of the query, bound as compiled
 * on every run, so `build` must not read anything that changes between runs.
 *
 * The SQL is compiled on the first database of each dialect that runs the
 * query and reused for every other database of that dialect. That is safe
 * because openDatabase configures every database of a dialect with the
 * same plugins.
 */
export function preparedQuery<Params extends object, Row>(
  build: (db: Kysely<Database>, params: Params) => QuerySource<Row>,
): PreparedQuery<Params, Row> {
  let sqlite: CompiledShape | undefined;
  let postgres: CompiledShape | undefined;

  return (db, params) => {
    let shape: CompiledShape;
    if (isPostgres(db)) {
      postgres ??= compileShape(db, build);
      shape = postgres;
    } else {
      sqlite ??= compileShape(db, build);
      shape = sqlite;
    }
    const values = shape.bindings.map((binding) =>
      binding instanceof Placeholder
        ? (params as Record<string, unknown>)[binding.name]
        : binding.constant,
    );

    return db.executeQuery(
      CompiledQuery.raw(shape.sql, values) as CompiledQuery<Row>,
    );
  };
}

function compileShape<Params extends object>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, params: Params) => QuerySource<unknown>,
): CompiledShape {
  const placeholders = new Proxy(
    {},
    { get: (_target, name) => new Placeholder(String(name)) },
  ) as Params;
  const source = build(db, placeholders);
  const compiled =
    "isRawBuilder" in source ? source.compile(db) : source.compile();
  const bindings = compiled.parameters.map((value) =>
    value instanceof Placeholder ? value : { constant: value },
  );

  return { sql: compiled.sql, bindings };
}
