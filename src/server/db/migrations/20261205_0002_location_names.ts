import { sql, type Kysely } from "kysely";

/** Name given to a location whose stored name shows nothing. */
const UNNAMED = "Unnamed location";

/**
 * White space, control and format characters and other default ignorable
 * code points, as the location name check had them when this migration
 * was written. Copied here so that later changes to that check do not
 * change what this migration does.
 */
const INVISIBLE_ONLY =
  /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;

interface LocationNameRow {
  id: string;
  company_id: string;
  name: string;
  name_key: string;
}

/**
 * Makes location names unique per company, ignoring case, with a unique
 * index on (company_id, lower(name)). Earlier versions accepted duplicate
 * and invisible names, so the index cannot be created on such a database
 * as it is. This migration renames those rows first, per company in the
 * order the locations were created: the oldest location keeps a name, and
 * each later one with the same name gets the first free suffix from 2,
 * such as "Branch (2)". A name that shows nothing becomes "Unnamed
 * location", with a suffix when that name is taken.
 *
 * NOTE: lower() folds only ASCII letters on SQLite, so there the index
 * treats "É" and "é" as different. The application compares names with
 * JavaScript's toLowerCase() before it writes, which folds both, and so
 * does this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<LocationNameRow>`
    SELECT id, company_id, name, lower(name) AS name_key
    FROM locations
    ORDER BY company_id, created_at, id`.execute(db);

  for (const rename of planRenames(rows)) {
    await sql`UPDATE locations SET name = ${rename.name}
      WHERE id = ${rename.id}`.execute(db);
  }

  await sql`CREATE UNIQUE INDEX locations_company_name_key
    ON locations (company_id, lower(name))`.execute(db);
}

/** Drops the index. Renamed locations keep their new names. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX locations_company_name_key`.execute(db);
}

/**
 * Returns the new name of every row that must change. `rows` are sorted by
 * company and creation. Two names are the same when the database's
 * lower() or JavaScript's toLowerCase() maps them to the same text. The
 * index compares the first and the application the second. On SQLite,
 * folding both also renames pairs such as "École" and "école", which the
 * index on a PostgreSQL copy would reject, because PostgreSQL's lower()
 * folds non-ASCII letters in a UTF-8 locale.
 */
function planRenames(
  rows: readonly LocationNameRow[],
): { id: string; name: string }[] {
  const taken = new Map<string, Set<string>>();
  for (const row of rows) {
    const keys = companyKeys(taken, row.company_id);
    for (const key of nameKeys(row.name_key, row.name)) keys.add(key);
  }

  const kept = new Map<string, Set<string>>();
  const renames: { id: string; name: string }[] = [];
  for (const row of rows) {
    const keys = companyKeys(taken, row.company_id);
    const keptKeys = companyKeys(kept, row.company_id);
    const rowKeys = nameKeys(row.name_key, row.name);
    if (INVISIBLE_ONLY.test(row.name)) {
      const name = freeName(keys, UNNAMED, UNNAMED.toLowerCase(), 1);
      renames.push({ id: row.id, name });
    } else if (rowKeys.some((key) => keptKeys.has(key))) {
      const name = freeName(keys, row.name, row.name_key, 2);
      renames.push({ id: row.id, name });
    } else {
      for (const key of rowKeys) keptKeys.add(key);
    }
  }

  return renames;
}

/** Returns the keys of a name: its database lower() and its toLowerCase(). */
function nameKeys(databaseKey: string, name: string): string[] {
  return [`database:${databaseKey}`, `javascript:${name.toLowerCase()}`];
}

function companyKeys(
  keysByCompany: Map<string, Set<string>>,
  companyId: string,
): Set<string> {
  let keys = keysByCompany.get(companyId);
  if (!keys) {
    keys = new Set();
    keysByCompany.set(companyId, keys);
  }

  return keys;
}

/**
 * Returns `base`, or `base (n)` for the first n from `firstSuffix` whose
 * keys are not in `taken`, and adds those keys to `taken`. Suffix 1 stands
 * for `base` itself. `baseKey` is the database's lower(base), and the
 * suffix is ASCII without letters, so lower() of the result is `baseKey`
 * plus the suffix.
 */
function freeName(
  taken: Set<string>,
  base: string,
  baseKey: string,
  firstSuffix: number,
): string {
  for (let n = firstSuffix; ; n += 1) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const keys = nameKeys(baseKey + suffix, base + suffix);
    if (keys.some((key) => taken.has(key))) continue;

    for (const key of keys) taken.add(key);

    return base + suffix;
  }
}
