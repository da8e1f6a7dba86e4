import { sql, type Kysely } from "kysely";

/** Name given to a location whose stored name shows nothing. */
const UNNAMED = "Unnamed location";

/**
 * The location name normalization as the application had it when this
 * migration was written, copied here so that later changes to it do not
 * change what this migration does. Unlike the application, which rejects
 * them, it turns control characters such as line breaks into spaces,
 * because older versions stored such names.
 */
const EMOJI_PART =
  "\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier}|[\\u{E0020}-\\u{E007E}]+\\u{E007F})?";
const EMOJI_SEQUENCE = `${EMOJI_PART}(?:\\u200D${EMOJI_PART})*|[0-9#*]\\uFE0F?\\u20E3`;
const INVISIBLE_INSIDE = new RegExp(
  `(${EMOJI_SEQUENCE})|[\\p{Cf}\\p{Default_Ignorable_Code_Point}]`,
  "gu",
);
const WHITE_SPACE = /\p{White_Space}+/gu;
const CONTROL = /\p{Cc}/gu;

/**
 * Returns the name in NFKC without invisible characters outside emoji
 * sequences, with each run of white space and control characters turned
 * into one space, and trimmed.
 */
function normalizeName(name: string): string {
  return name
    .replace(INVISIBLE_INSIDE, (_match, emoji?: string) => emoji ?? "")
    .normalize("NFKC")
    .replace(CONTROL, " ")
    .replace(WHITE_SPACE, " ")
    .trim();
}

interface LocationNameRow {
  id: string;
  company_id: string;
  name: string;
  name_key: string;
}

/**
 * Makes location names unique per company, ignoring case, with a unique
 * index on (company_id, lower(name)). Earlier versions accepted duplicate,
 * invisible and unnormalized names, so the index cannot be created on such
 * a database as it is. This migration first normalizes every name as the
 * application does, so "Main   location" becomes "Main location". Then it
 * renames the rows whose names are still taken, per company in the
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
  await normalizeNames(db);
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

/**
 * Stores every location name normalized. A name that shows nothing becomes
 * the empty string, and planRenames renames it to "Unnamed location".
 */
async function normalizeNames(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    id: string;
    name: string;
  }>`SELECT id, name FROM locations`.execute(db);
  for (const row of rows) {
    const name = normalizeName(row.name);
    if (name === row.name) continue;

    await sql`UPDATE locations SET name = ${name}
      WHERE id = ${row.id}`.execute(db);
  }
}

/** Drops the index. Normalized and renamed locations keep their new names. */
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
    if (row.name === "") {
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
