import type { StaffMember, StaffStatus } from "../../../common/admin-api.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";

/** A staff row with what the admin pages show about it. */
export interface StaffRecord {
  id: string;
  name: string;
  email: string;
  roleId: string;
  roleName: string;
  active: boolean;
  hasPassword: boolean;
  createdAt: string;
  locationIds: string[];
  invitationExpiresAt: string | null;
}

/** Lists a company's staff by name; removed staff members are left out. */
export async function listStaff(
  db: Db,
  companyId: string,
): Promise<StaffRecord[]> {
  return loadStaff(db, companyId, null);
}

/** Loads one staff member of the company, or throws 404. */
export async function findStaffMember(
  db: Db,
  companyId: string,
  staffId: string,
): Promise<StaffRecord> {
  const [record] = await loadStaff(db, companyId, staffId);
  if (!record) throw errors.notFound("The staff member");

  return record;
}

async function loadStaff(
  db: Db,
  companyId: string,
  staffId: string | null,
): Promise<StaffRecord[]> {
  let query = db
    .selectFrom("staff")
    .innerJoin("roles", "roles.id", "staff.role_id")
    .select([
      "staff.id",
      "staff.name",
      "staff.email",
      "staff.role_id as roleId",
      "roles.name as roleName",
      "staff.active",
      "staff.password_hash as passwordHash",
      "staff.created_at as createdAt",
    ])
    .where("staff.company_id", "=", companyId)
    .where("staff.removed_at", "is", null);
  if (staffId !== null) query = query.where("staff.id", "=", staffId);
  const rows = await query.orderBy("staff.name").orderBy("staff.id").execute();
  if (rows.length === 0) return [];

  const ids = rows.map((row) => row.id);
  const [locations, invitations] = await Promise.all([
    db
      .selectFrom("staff_locations")
      .innerJoin("locations", "locations.id", "staff_locations.location_id")
      .select(["staff_locations.staff_id", "staff_locations.location_id"])
      .where("locations.company_id", "=", companyId)
      .where("staff_locations.staff_id", "in", ids)
      .orderBy("locations.name")
      .execute(),
    db
      .selectFrom("staff_invitations")
      .select(["staff_id", "expires_at"])
      .where("company_id", "=", companyId)
      .where("staff_id", "in", ids)
      .where("accepted_at", "is", null)
      .execute(),
  ]);

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    roleId: row.roleId,
    roleName: row.roleName,
    active: row.active === 1,
    hasPassword: row.passwordHash !== "",
    createdAt: row.createdAt,
    locationIds: locations
      .filter((location) => location.staff_id === row.id)
      .map((location) => location.location_id),
    invitationExpiresAt: latest(
      invitations
        .filter((invitation) => invitation.staff_id === row.id)
        .map((invitation) => invitation.expires_at),
    ),
  }));
}

function latest(timestamps: string[]): string | null {
  return timestamps.sort().at(-1) ?? null;
}

export function staffStatus(record: StaffRecord): StaffStatus {
  if (!record.active) return "deactivated";

  return record.hasPassword ? "active" : "invited";
}

export function presentStaffMember(record: StaffRecord): StaffMember {
  const status = staffStatus(record);

  return {
    id: record.id,
    name: record.name,
    email: record.email,
    role: { id: record.roleId, name: record.roleName },
    locationIds: record.locationIds,
    status,
    invitationExpiresAt:
      status === "invited" ? record.invitationExpiresAt : null,
    createdAt: record.createdAt,
  };
}

/** Signs a staff member out everywhere by deleting their sessions. */
export async function deleteStaffSessions(
  db: Db,
  staffId: string,
): Promise<void> {
  await db.deleteFrom("sessions").where("staff_id", "=", staffId).execute();
}

/** Replaces the locations a staff member works at. */
export async function replaceStaffLocations(
  db: Db,
  staffId: string,
  locationIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom("staff_locations")
    .where("staff_id", "=", staffId)
    .execute();
  if (locationIds.length === 0) return;

  await db
    .insertInto("staff_locations")
    .values(
      locationIds.map((location_id) => ({ staff_id: staffId, location_id })),
    )
    .execute();
}

/** Returns the placeholder email of a removed staff member, which frees their real one. */
export function removedEmail(staffId: string): string {
  return `removed-${staffId}@removed.invalid`;
}
