import { parsePermissions } from "../../auth/guard.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { Db } from "../../db/database.js";
import { isPostgres } from "../../db/dialect.js";
import { errors } from "../../errors.js";

/**
 * Serialises changes to who can manage a company until `trx` ends, so two
 * managers who deactivate each other at once cannot both succeed. SQLite
 * needs no lock, because it runs one write transaction at a time.
 */
export async function lockCompanyStaff(trx: Db, companyId: string) {
  if (!isPostgres(trx)) return;

  await trx
    .selectFrom("companies")
    .select("id")
    .where("id", "=", companyId)
    .forUpdate()
    .execute();
}

/** Ids of the company's roles that grant `company.manage`. */
export async function managerRoleIds(
  db: Db,
  companyId: string,
): Promise<string[]> {
  const roles = await db
    .selectFrom("roles")
    .select(["id", "permissions"])
    .where("company_id", "=", companyId)
    .execute();

  return roles
    .filter((role) =>
      parsePermissions(role.permissions).includes(
        hostPermissions.manageCompany,
      ),
    )
    .map((role) => role.id);
}

/**
 * Counts the staff members who can sign in and manage the company: active,
 * not removed, with a password set, and in a role with `company.manage`.
 */
export async function countActiveManagers(
  db: Db,
  companyId: string,
): Promise<number> {
  const roleIds = await managerRoleIds(db, companyId);
  if (roleIds.length === 0) return 0;

  const row = await db
    .selectFrom("staff")
    .select((eb) => eb.fn.countAll<string | number>().as("count"))
    .where("company_id", "=", companyId)
    .where("role_id", "in", roleIds)
    .where("active", "=", 1)
    .where("removed_at", "is", null)
    .where("password_hash", "!=", "")
    .executeTakeFirst();

  return Number(row?.count ?? 0);
}

/**
 * Throws 409 when, after the change made so far in `trx`, no one can manage
 * the company any more. Call it at the end of the transaction.
 */
export async function requireManagerRemains(
  trx: Db,
  companyId: string,
  change: string,
): Promise<void> {
  if ((await countActiveManagers(trx, companyId)) > 0) return;

  throw errors.lastManager(
    `You cannot ${change}: no active staff member would have the "Manage company" permission left. Give another active staff member a role with that permission first.`,
  );
}

/** Throws 409 when a manager tries to lock themselves out. */
export function rejectSelfChange(
  actorStaffId: string,
  targetStaffId: string,
  change: string,
): void {
  if (actorStaffId !== targetStaffId) return;

  throw errors.lastManager(
    `You cannot ${change} your own account, because you would lose access to this page. Ask another staff member with the "Manage company" permission to do it.`,
  );
}
