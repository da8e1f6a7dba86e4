import type { Selectable } from "kysely";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { newId, nowIso } from "../../db/ids.js";
import type { LocationsTable } from "../../db/schema.js";
import { AppError, errors } from "../../errors.js";
import { locationNameKey, normalizeLocationName } from "./location-name.js";

export type LocationRow = Selectable<LocationsTable>;

/** Creates a location, storing its name normalized. */
export async function createLocation(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  name: string,
): Promise<LocationRow> {
  const location = {
    id: newId(),
    company_id: companyId,
    name: normalizeLocationName(name),
    created_at: nowIso(),
  };
  await ctx.db.insertInto("locations").values(location).execute();

  return location;
}

/**
 * Returns the 409 for a location name that another location has. It names
 * the field, so forms show it under the name box.
 */
export function locationNameTaken(name: string): AppError {
  return new AppError(
    409,
    "conflict",
    `A location named "${name}" already exists. Choose another name.`,
    "name",
  );
}

/**
 * Throws 409 when another location of the company has this name, ignoring
 * case and the differences that normalizeLocationName removes. A unique
 * index on the lower-cased name backs this check against concurrent writes.
 */
export async function requireUnusedLocationName(
  db: Db,
  companyId: string,
  name: string,
  exceptLocationId: string | null,
): Promise<void> {
  const locations = await db
    .selectFrom("locations")
    .select(["id", "name"])
    .where("company_id", "=", companyId)
    .execute();
  const key = locationNameKey(name);
  const taken = locations.find(
    (location) =>
      location.id !== exceptLocationId &&
      locationNameKey(location.name) === key,
  );
  if (taken) throw locationNameTaken(taken.name);
}

/** Lists a company's locations by name. */
export async function listLocations(
  db: Db,
  companyId: string,
): Promise<LocationRow[]> {
  return db
    .selectFrom("locations")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/**
 * Returns `locationIds` without duplicates, or throws 400 naming `field`
 * when any of them is not a location of the company.
 */
export async function requireCompanyLocations(
  db: Db,
  companyId: string,
  locationIds: readonly string[],
  field: string,
): Promise<string[]> {
  const unique = [...new Set(locationIds)];
  if (unique.length === 0) return [];

  const found = await db
    .selectFrom("locations")
    .select("id")
    .where("company_id", "=", companyId)
    .where("id", "in", unique)
    .execute();
  if (found.length !== unique.length) {
    throw errors.validation(
      `${field}: every location id must be a location of your company. Reload the page to get the current list.`,
      field,
    );
  }

  return unique;
}

/** Returns the names of the company's locations among `ids`, by name. */
export async function locationNames(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];

  const rows = await db
    .selectFrom("locations")
    .select("name")
    .where("company_id", "=", companyId)
    .where("id", "in", [...ids])
    .orderBy("name")
    .execute();

  return rows.map((row) => row.name);
}
