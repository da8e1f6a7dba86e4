import type { Role } from "../../../common/admin-api.js";
import { parsePermissions } from "../../auth/guard.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";

export interface RoleRecord {
  id: string;
  name: string;
  permissions: string[];
}

/** Lists a company's roles by name, with how many staff hold each one. */
export async function listRoles(db: Db, companyId: string): Promise<Role[]> {
  const [roles, counts] = await Promise.all([
    db
      .selectFrom("roles")
      .select(["id", "name", "permissions"])
      .where("company_id", "=", companyId)
      .orderBy("name")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("staff")
      .select((eb) => [
        "role_id",
        eb.fn.countAll<string | number>().as("count"),
      ])
      .where("company_id", "=", companyId)
      .where("removed_at", "is", null)
      .groupBy("role_id")
      .execute(),
  ]);

  return roles.map((role) => ({
    id: role.id,
    name: role.name,
    permissions: parsePermissions(role.permissions).sort(),
    memberCount: Number(
      counts.find((count) => count.role_id === role.id)?.count ?? 0,
    ),
  }));
}

/** Loads one role of the company, or throws 404. */
export async function findRole(
  db: Db,
  companyId: string,
  roleId: string,
): Promise<RoleRecord> {
  const row = await db
    .selectFrom("roles")
    .select(["id", "name", "permissions"])
    .where("company_id", "=", companyId)
    .where("id", "=", roleId)
    .executeTakeFirst();
  if (!row) throw errors.notFound("The role");

  return {
    id: row.id,
    name: row.name,
    permissions: parsePermissions(row.permissions),
  };
}

/** Counts the staff members who hold a role, removed ones not counted. */
export async function countRoleMembers(
  db: Db,
  companyId: string,
  roleId: string,
): Promise<number> {
  const row = await db
    .selectFrom("staff")
    .select((eb) => eb.fn.countAll<string | number>().as("count"))
    .where("company_id", "=", companyId)
    .where("role_id", "=", roleId)
    .where("removed_at", "is", null)
    .executeTakeFirst();

  return Number(row?.count ?? 0);
}

/** Throws 409 when another role of the company has this name. */
export async function requireUnusedRoleName(
  db: Db,
  companyId: string,
  name: string,
  exceptRoleId: string | null,
): Promise<void> {
  const roles = await db
    .selectFrom("roles")
    .select(["id", "name"])
    .where("company_id", "=", companyId)
    .execute();
  const nameTaken = roles.some(
    (role) =>
      role.id !== exceptRoleId &&
      role.name.toLowerCase() === name.toLowerCase(),
  );
  if (nameTaken) {
    throw errors.conflict(
      `A role named "${name}" already exists. Choose another name, or edit that role.`,
    );
  }
}
