import type { Db } from "../../db/database.js";
import { locationNames } from "../locations/location-store.js";
import type { StaffRecord } from "./staff-store.js";

/**
 * Describes what changed on a staff member for the audit log, as old and
 * new values, or returns null when nothing changed.
 */
export async function describeStaffChanges(
  db: Db,
  companyId: string,
  before: StaffRecord,
  after: StaffRecord,
): Promise<Record<string, unknown> | null> {
  const changes: Record<string, unknown> = {};
  if (before.name !== after.name) {
    changes.name = { old: before.name, new: after.name };
  }
  if (before.roleId !== after.roleId) {
    changes.role = { old: before.roleName, new: after.roleName };
  }

  const added = after.locationIds.filter(
    (id) => !before.locationIds.includes(id),
  );
  const removed = before.locationIds.filter(
    (id) => !after.locationIds.includes(id),
  );
  if (added.length > 0 || removed.length > 0) {
    changes.locations = {
      added: await locationNames(db, companyId, added),
      removed: await locationNames(db, companyId, removed),
    };
  }

  return Object.keys(changes).length > 0 ? changes : null;
}
