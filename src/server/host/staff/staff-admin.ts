import type { AppContext } from "../../context.js";
import { hashPassword } from "../../auth/passwords.js";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";
import { auditActions } from "../audit/audit-actions.js";
import type { AdminActor } from "../audit/admin-actor.js";
import { recordAudit } from "../audit/audit-log.js";
import {
  createInvitation,
  deleteOpenInvitations,
} from "../invitations/invitation-store.js";
import {
  locationNames,
  requireCompanyLocations,
} from "../locations/location-store.js";
import { inTransaction } from "../transaction.js";
import {
  lockCompanyStaff,
  managerRoleIds,
  rejectSelfChange,
  requireManagerRemains,
} from "./manager-guard.js";
import { insertStaffMember, requireCompanyRole } from "./staff-creator.js";
import {
  deleteStaffSessions,
  findStaffMember,
  removedEmail,
  replaceStaffLocations,
  type StaffRecord,
} from "./staff-store.js";
import { describeStaffChanges } from "./staff-changes.js";

type AdminContext = Pick<AppContext, "db" | "config">;

export interface StaffInput {
  name: string;
  email: string;
  roleId: string;
  locationIds: string[];
  /** Omitted invites the staff member to set their own password. */
  password?: string | undefined;
}

export interface AddedStaff {
  record: StaffRecord;
  inviteUrl: string | null;
}

/**
 * Adds a staff member with a password, or without one and with an invite
 * link that lets them set it.
 */
export async function addStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  input: StaffInput,
): Promise<AddedStaff> {
  const { password, ...fields } = input;
  // Hash before the transaction, so the slow scrypt call holds no lock. An
  // empty hash never verifies, so an invited member cannot sign in yet.
  const passwordHash =
    password === undefined ? "" : await hashPassword(password);

  return inTransaction(ctx.db, async (trx) => {
    const created = await insertStaffMember(
      { db: trx },
      { ...fields, companyId: actor.companyId, passwordHash },
    );
    const invitation =
      password === undefined
        ? await createInvitation(trx, ctx.config, actor.companyId, created.id)
        : null;
    const record = await findStaffMember(trx, actor.companyId, created.id);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: invitation ? auditActions.staffInvited : auditActions.staffAdded,
      target: staffTarget(record),
      details: {
        email: record.email,
        role: record.roleName,
        locations: await locationNames(
          trx,
          actor.companyId,
          record.locationIds,
        ),
        ...(invitation ? { inviteExpiresAt: invitation.expiresAt } : {}),
      },
    });

    return { record, inviteUrl: invitation?.url ?? null };
  });
}

/** Issues a new invite link to a staff member who has no password yet. */
export async function reinviteStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  staffId: string,
): Promise<AddedStaff> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findStaffMember(trx, actor.companyId, staffId);
    if (before.hasPassword) {
      throw errors.conflict(
        `${before.name} already set a password, so an invite link is not needed. They can sign in with ${before.email}.`,
      );
    }
    if (!before.active) {
      throw errors.conflict(
        `${before.name} is deactivated. Reactivate them first, then create a new invite link.`,
      );
    }

    const invitation = await createInvitation(
      trx,
      ctx.config,
      actor.companyId,
      staffId,
    );
    const record = await findStaffMember(trx, actor.companyId, staffId);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.staffInvited,
      target: staffTarget(record),
      details: {
        email: record.email,
        newLink: true,
        inviteExpiresAt: invitation.expiresAt,
      },
    });

    return { record, inviteUrl: invitation.url };
  });
}

export interface StaffUpdateInput {
  name?: string | undefined;
  /** Must equal the current email, because the email cannot change. */
  email?: string | undefined;
  roleId?: string | undefined;
  locationIds?: string[] | undefined;
}

/** Changes a staff member's name, role or locations. */
export async function updateStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  staffId: string,
  update: StaffUpdateInput,
): Promise<StaffRecord> {
  return inTransaction(ctx.db, async (trx) => {
    await lockCompanyStaff(trx, actor.companyId);
    const before = await findStaffMember(trx, actor.companyId, staffId);
    if (update.email !== undefined && update.email !== before.email) {
      throw emailNotChangeable(before);
    }

    if (update.roleId !== undefined && update.roleId !== before.roleId) {
      await changeRole(trx, actor, before, update.roleId);
    }
    if (update.locationIds !== undefined) {
      const locationIds = await requireCompanyLocations(
        trx,
        actor.companyId,
        update.locationIds,
        "locationIds",
      );
      await replaceStaffLocations(trx, staffId, locationIds);
    }
    if (update.name !== undefined && update.name !== before.name) {
      await trx
        .updateTable("staff")
        .set({ name: update.name })
        .where("id", "=", staffId)
        .execute();
    }

    const after = await findStaffMember(trx, actor.companyId, staffId);
    const changes = await describeStaffChanges(
      trx,
      actor.companyId,
      before,
      after,
    );
    if (changes) {
      await requireManagerRemains(
        trx,
        actor.companyId,
        `change the role of ${before.name}`,
      );
      await recordAudit(trx, {
        companyId: actor.companyId,
        actor,
        action: auditActions.staffUpdated,
        target: staffTarget(after),
        details: changes,
      });
    }

    return after;
  });
}

async function changeRole(
  trx: Db,
  actor: AdminActor,
  before: StaffRecord,
  roleId: string,
): Promise<void> {
  await requireCompanyRole({ db: trx }, actor.companyId, roleId);
  const managerRoles = await managerRoleIds(trx, actor.companyId);
  if (!managerRoles.includes(roleId)) {
    rejectSelfChange(
      actor.staffId,
      before.id,
      'give a role without "Manage company" to',
    );
  }

  await trx
    .updateTable("staff")
    .set({ role_id: roleId })
    .where("id", "=", before.id)
    .execute();
}

/** Deactivates a staff member and signs them out of every session. */
export async function deactivateStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  staffId: string,
): Promise<StaffRecord> {
  return inTransaction(ctx.db, async (trx) => {
    await lockCompanyStaff(trx, actor.companyId);
    const before = await findStaffMember(trx, actor.companyId, staffId);
    rejectSelfChange(actor.staffId, staffId, "deactivate");
    if (!before.active) return before;

    await trx
      .updateTable("staff")
      .set({ active: 0 })
      .where("id", "=", staffId)
      .execute();
    await deleteStaffSessions(trx, staffId);
    await requireManagerRemains(
      trx,
      actor.companyId,
      `deactivate ${before.name}`,
    );
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.staffDeactivated,
      target: staffTarget(before),
      details: { email: before.email },
    });

    return findStaffMember(trx, actor.companyId, staffId);
  });
}

/** Lets a deactivated staff member sign in again. */
export async function reactivateStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  staffId: string,
): Promise<StaffRecord> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findStaffMember(trx, actor.companyId, staffId);
    if (before.active) return before;

    await trx
      .updateTable("staff")
      .set({ active: 1 })
      .where("id", "=", staffId)
      .execute();
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.staffReactivated,
      target: staffTarget(before),
      details: { email: before.email },
    });

    return findStaffMember(trx, actor.companyId, staffId);
  });
}

/**
 * Removes a staff member's login for good. The row stays with the name, so
 * messages they sent still show who sent them. The password, sessions,
 * invite links and locations are deleted, and the email is replaced so
 * that it can be used for a new account.
 */
export async function removeStaffMember(
  ctx: AdminContext,
  actor: AdminActor,
  staffId: string,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await lockCompanyStaff(trx, actor.companyId);
    const before = await findStaffMember(trx, actor.companyId, staffId);
    rejectSelfChange(actor.staffId, staffId, "remove");

    await trx
      .updateTable("staff")
      .set({
        active: 0,
        removed_at: nowIso(),
        password_hash: "",
        email: removedEmail(staffId),
      })
      .where("id", "=", staffId)
      .execute();
    await deleteStaffSessions(trx, staffId);
    await deleteOpenInvitations(trx, staffId);
    await replaceStaffLocations(trx, staffId, []);
    await requireManagerRemains(trx, actor.companyId, `remove ${before.name}`);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.staffRemoved,
      target: staffTarget(before),
      details: { email: before.email, role: before.roleName },
    });
  });
}

/**
 * Returns the 400 error for a changed email. Staff sign in with their email,
 * and audit entries name them by it, so it stays fixed.
 */
function emailNotChangeable(record: StaffRecord) {
  return errors.validation(
    `The email address of a staff member cannot be changed, because they sign in with it. To use a new address for ${record.name}, add them as a new staff member with that address, then remove ${record.email}.`,
    "email",
  );
}

function staffTarget(record: StaffRecord) {
  return { type: "staff", id: record.id, label: record.name };
}
