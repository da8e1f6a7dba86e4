import type { Role } from "../../../common/admin-api.js";
import type { AppContext } from "../../context.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import type { AdminActor } from "../audit/admin-actor.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";
import type { PluginManifest } from "../plugins/plugin-manifest.js";
import {
  lockCompanyStaff,
  requireManagerRemains,
} from "../staff/manager-guard.js";
import { inTransaction } from "../transaction.js";
import { knownPermissionKeys, permissionLabel } from "./permission-options.js";
import { createRole } from "./role-creator.js";
import {
  countRoleMembers,
  findRole,
  listRoles,
  requireUnusedRoleName,
} from "./role-store.js";

type RoleContext = Pick<AppContext, "db">;

export interface RoleInput {
  name: string;
  permissions: string[];
}

/** Creates a role and records it in the audit log. */
export async function addRole(
  ctx: RoleContext,
  catalogue: readonly PluginManifest[],
  actor: AdminActor,
  input: RoleInput,
): Promise<Role> {
  const permissions = requireKnownPermissions(catalogue, input.permissions, []);

  return inTransaction(ctx.db, async (trx) => {
    await requireUnusedRoleName(trx, actor.companyId, input.name, null);
    const row = await createRole({ db: trx }, actor.companyId, {
      name: input.name,
      permissions,
    });
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.roleCreated,
      target: { type: "role", id: row.id, label: row.name },
      details: {
        permissions: permissions.map((key) => permissionLabel(catalogue, key)),
      },
    });

    return presentRole(trx, actor.companyId, row.id);
  });
}

/**
 * Renames a role and replaces its permissions. The change applies to its
 * staff on their next request, because permissions are loaded per request.
 */
export async function updateRole(
  ctx: RoleContext,
  catalogue: readonly PluginManifest[],
  actor: AdminActor,
  roleId: string,
  input: RoleInput,
): Promise<Role> {
  return inTransaction(ctx.db, async (trx) => {
    await lockCompanyStaff(trx, actor.companyId);
    const before = await findRole(trx, actor.companyId, roleId);
    const permissions = requireKnownPermissions(
      catalogue,
      input.permissions,
      before.permissions,
    );
    await requireUnusedRoleName(trx, actor.companyId, input.name, roleId);
    await rejectOwnManageRemoval(trx, actor, before, permissions);

    await trx
      .updateTable("roles")
      .set({ name: input.name, permissions: JSON.stringify(permissions) })
      .where("id", "=", roleId)
      .where("company_id", "=", actor.companyId)
      .execute();
    await requireManagerRemains(
      trx,
      actor.companyId,
      `remove "Manage company" from the role ${before.name}`,
    );

    const details = describeRoleChanges(catalogue, before, {
      name: input.name,
      permissions,
    });
    if (details) {
      await recordAudit(trx, {
        companyId: actor.companyId,
        actor,
        action: auditActions.roleUpdated,
        target: { type: "role", id: roleId, label: input.name },
        details,
      });
    }

    return presentRole(trx, actor.companyId, roleId);
  });
}

/** Deletes a role that no staff member holds, or throws 409. */
export async function deleteRole(
  ctx: RoleContext,
  catalogue: readonly PluginManifest[],
  actor: AdminActor,
  roleId: string,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const role = await findRole(trx, actor.companyId, roleId);
    const members = await countRoleMembers(trx, actor.companyId, roleId);
    if (members > 0) {
      const holders =
        members === 1
          ? "1 staff member holds"
          : `${members} staff members hold`;
      throw errors.conflict(
        `${holders} the role ${role.name}, so it cannot be deleted. Give them another role on the Staff page first.`,
      );
    }

    await moveRemovedStaff(trx, actor.companyId, roleId);
    await trx
      .deleteFrom("roles")
      .where("id", "=", roleId)
      .where("company_id", "=", actor.companyId)
      .execute();
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.roleDeleted,
      target: { type: "role", id: roleId, label: role.name },
      details: {
        permissions: role.permissions.map((key) =>
          permissionLabel(catalogue, key),
        ),
      },
    });
  });
}

/**
 * Removed staff keep their row, which must name a role. They can never sign
 * in again, so their role grants nothing, and they move to another role so
 * that this one can be deleted.
 */
async function moveRemovedStaff(trx: Db, companyId: string, roleId: string) {
  const other = await trx
    .selectFrom("roles")
    .select("id")
    .where("company_id", "=", companyId)
    .where("id", "!=", roleId)
    .orderBy("created_at")
    .executeTakeFirst();
  if (!other) {
    throw errors.conflict(
      "This is the company's only role, so it cannot be deleted. Create another role first.",
    );
  }

  await trx
    .updateTable("staff")
    .set({ role_id: other.id })
    .where("company_id", "=", companyId)
    .where("role_id", "=", roleId)
    .where("removed_at", "is not", null)
    .execute();
}

/**
 * Returns the permission list without duplicates, or throws 400 on a key
 * that neither the host nor a plugin defines. Keys the role already has
 * are kept, so a role that contains a retired plugin's key can still be saved.
 */
function requireKnownPermissions(
  catalogue: readonly PluginManifest[],
  requested: readonly string[],
  current: readonly string[],
): string[] {
  const known = knownPermissionKeys(catalogue);
  for (const key of requested) {
    if (!known.has(key) && !current.includes(key)) {
      throw errors.validation(
        `permissions: "${key}" is not a permission of the dashboard or of any plugin. Reload the page to get the current list.`,
        "permissions",
      );
    }
  }

  return [...new Set(requested)].sort();
}

async function rejectOwnManageRemoval(
  trx: Db,
  actor: AdminActor,
  role: { id: string; name: string },
  permissions: readonly string[],
): Promise<void> {
  if (permissions.includes(hostPermissions.manageCompany)) return;

  const self = await trx
    .selectFrom("staff")
    .select("role_id")
    .where("id", "=", actor.staffId)
    .executeTakeFirst();
  if (self?.role_id !== role.id) return;

  throw errors.lastManager(
    `You cannot remove "Manage company" from ${role.name}, because it is your own role and you would lose access to this page. Ask another staff member with "Manage company" to do it, or move yourself to another managing role first.`,
  );
}

function describeRoleChanges(
  catalogue: readonly PluginManifest[],
  before: { name: string; permissions: readonly string[] },
  after: { name: string; permissions: readonly string[] },
): Record<string, unknown> | null {
  const label = (key: string) => permissionLabel(catalogue, key);
  const added = after.permissions.filter(
    (key) => !before.permissions.includes(key),
  );
  const removed = before.permissions.filter(
    (key) => !after.permissions.includes(key),
  );
  const details: Record<string, unknown> = {};
  if (before.name !== after.name) {
    details.name = { old: before.name, new: after.name };
  }
  if (added.length > 0 || removed.length > 0) {
    details.permissions = {
      added: added.map(label),
      removed: removed.map(label),
    };
  }

  return Object.keys(details).length > 0 ? details : null;
}

async function presentRole(db: Db, companyId: string, roleId: string) {
  const roles = await listRoles(db, companyId);
  const role = roles.find((candidate) => candidate.id === roleId);
  if (!role) throw errors.notFound("The role");

  return role;
}
