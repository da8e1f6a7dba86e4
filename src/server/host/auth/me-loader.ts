import { parsePermissions } from "../../auth/guard.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import type { MeSource } from "./present-me.js";

/** Loads the signed-in staff member with company, role and locations. */
export async function loadMe(
  db: Db,
  staffId: string,
  csrfToken: string,
): Promise<MeSource> {
  const row = await db
    .selectFrom("staff")
    .innerJoin("companies", "companies.id", "staff.company_id")
    .innerJoin("roles", "roles.id", "staff.role_id")
    .select([
      "staff.id as staffId",
      "staff.name as staffName",
      "staff.email as email",
      "companies.id as companyId",
      "companies.name as companyName",
      "roles.id as roleId",
      "roles.name as roleName",
      "roles.permissions as permissions",
    ])
    .where("staff.id", "=", staffId)
    .executeTakeFirst();
  if (!row) throw errors.unauthenticated();

  const locations = await db
    .selectFrom("staff_locations")
    .innerJoin("locations", "locations.id", "staff_locations.location_id")
    .select(["locations.id", "locations.name"])
    .where("staff_locations.staff_id", "=", staffId)
    .where("locations.company_id", "=", row.companyId)
    .orderBy("locations.name")
    .execute();

  return {
    staff: { id: row.staffId, name: row.staffName, email: row.email },
    company: { id: row.companyId, name: row.companyName },
    role: { id: row.roleId, name: row.roleName },
    permissions: parsePermissions(row.permissions),
    locations,
    csrfToken,
  };
}
