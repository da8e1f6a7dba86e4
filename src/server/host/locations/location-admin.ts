import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { isUniqueViolation } from "../../db/dialect.js";
import { errors } from "../../errors.js";
import type { AdminActor } from "../audit/admin-actor.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";
import { inTransaction } from "../transaction.js";
import {
  createLocation,
  locationNameTaken,
  requireUnusedLocationName,
  type LocationRow,
} from "./location-store.js";

type LocationContext = Pick<AppContext, "db">;

/**
 * Creates a location and records it in the audit log. Throws 409 when
 * another location of the company has the name, ignoring case.
 */
export async function addLocation(
  ctx: LocationContext,
  actor: AdminActor,
  name: string,
): Promise<LocationRow> {
  const work = inTransaction(ctx.db, async (trx) => {
    await requireUnusedLocationName(trx, actor.companyId, name, null);
    const location = await createLocation({ db: trx }, actor.companyId, name);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.locationCreated,
      target: { type: "location", id: location.id, label: location.name },
    });

    return location;
  });

  return rejectNameRace(work, name);
}

/**
 * Renames a location and records it in the audit log. Throws 409 when
 * another location of the company has the name, ignoring case.
 */
export async function renameLocation(
  ctx: LocationContext,
  actor: AdminActor,
  locationId: string,
  name: string,
): Promise<LocationRow> {
  const work = inTransaction(ctx.db, async (trx) => {
    const before = await findLocation(trx, actor.companyId, locationId);
    if (before.name === name) return before;

    await requireUnusedLocationName(trx, actor.companyId, name, locationId);
    await trx
      .updateTable("locations")
      .set({ name })
      .where("id", "=", locationId)
      .where("company_id", "=", actor.companyId)
      .execute();
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.locationRenamed,
      target: { type: "location", id: locationId, label: name },
      details: { name: { old: before.name, new: name } },
    });

    return { ...before, name };
  });

  return rejectNameRace(work, name);
}

/**
 * Turns the unique index's violation into the 409 of the name check, for a
 * request that passed the check while a concurrent one took the name.
 */
async function rejectNameRace<T>(work: Promise<T>, name: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw locationNameTaken(name);

    throw error;
  }
}

/**
 * Deletes a location, which also drops it from staff and from the plugins
 * enabled there. Throws 409 while any active staff member works only
 * there, because they would be left at no location.
 */
export async function deleteLocation(
  ctx: LocationContext,
  actor: AdminActor,
  locationId: string,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const location = await findLocation(trx, actor.companyId, locationId);
    const stranded = await staffOnlyAt(trx, actor.companyId, locationId);
    if (stranded.length > 0) {
      throw errors.conflict(
        `${describeStranded(stranded)} only at ${location.name}. Give them another location on the Staff page, then delete this one.`,
      );
    }

    await trx
      .deleteFrom("staff_locations")
      .where("location_id", "=", locationId)
      .execute();
    await trx
      .deleteFrom("plugin_locations")
      .where("company_id", "=", actor.companyId)
      .where("location_id", "=", locationId)
      .execute();
    await trx
      .deleteFrom("locations")
      .where("id", "=", locationId)
      .where("company_id", "=", actor.companyId)
      .execute();
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.locationDeleted,
      target: { type: "location", id: locationId, label: location.name },
    });
  });
}

async function findLocation(
  db: Db,
  companyId: string,
  locationId: string,
): Promise<LocationRow> {
  const row = await db
    .selectFrom("locations")
    .selectAll()
    .where("id", "=", locationId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) throw errors.notFound("The location");

  return row;
}

/** Names of active staff members whose only location is `locationId`. */
async function staffOnlyAt(
  db: Db,
  companyId: string,
  locationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("staff")
    .innerJoin("staff_locations", "staff_locations.staff_id", "staff.id")
    .select("staff.name")
    .where("staff.company_id", "=", companyId)
    .where("staff.active", "=", 1)
    .where("staff.removed_at", "is", null)
    .where("staff_locations.location_id", "=", locationId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("staff_locations as other")
            .select("other.location_id")
            .whereRef("other.staff_id", "=", "staff.id")
            .where("other.location_id", "!=", locationId),
        ),
      ),
    )
    .orderBy("staff.name")
    .execute();

  return rows.map((row) => row.name);
}

function describeStranded(names: string[]): string {
  const shown = names.slice(0, 3).join(", ");
  const more = names.length > 3 ? ` and ${names.length - 3} more` : "";
  const verb = names.length === 1 ? "works" : "work";

  return `${shown}${more} ${verb}`;
}
