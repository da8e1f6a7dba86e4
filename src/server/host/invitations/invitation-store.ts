import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../../config.js";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";

/** How long an invite link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewInvitation {
  /** The secret in the link; only its SHA-256 is stored. */
  token: string;
  url: string;
  expiresAt: string;
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function invitationUrl(
  config: Pick<Config, "publicUrl">,
  token: string,
): string {
  return `${config.publicUrl}/invite/${token}`;
}

/**
 * Creates an invite link for a staff member and deletes their earlier
 * unused links, so only the newest one works.
 */
export async function createInvitation(
  trx: Db,
  config: Pick<Config, "publicUrl">,
  companyId: string,
  staffId: string,
): Promise<NewInvitation> {
  await deleteOpenInvitations(trx, staffId);

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS).toISOString();
  await trx
    .insertInto("staff_invitations")
    .values({
      id: hashInvitationToken(token),
      company_id: companyId,
      staff_id: staffId,
      created_at: nowIso(),
      expires_at: expiresAt,
      accepted_at: null,
    })
    .execute();

  return { token, url: invitationUrl(config, token), expiresAt };
}

export async function deleteOpenInvitations(
  db: Db,
  staffId: string,
): Promise<void> {
  await db
    .deleteFrom("staff_invitations")
    .where("staff_id", "=", staffId)
    .where("accepted_at", "is", null)
    .execute();
}

export interface OpenInvitation {
  id: string;
  staffId: string;
  staffName: string;
  email: string;
  companyName: string;
  expiresAt: string;
}

/**
 * Loads the invitation of a token, or throws: 404 for an unknown token, 410
 * for one that was used, has expired, or belongs to a deactivated account.
 */
export async function findOpenInvitation(
  db: Db,
  token: string,
): Promise<OpenInvitation> {
  const row = await db
    .selectFrom("staff_invitations")
    .innerJoin("staff", "staff.id", "staff_invitations.staff_id")
    .innerJoin("companies", "companies.id", "staff_invitations.company_id")
    .select([
      "staff_invitations.id",
      "staff_invitations.expires_at as expiresAt",
      "staff_invitations.accepted_at as acceptedAt",
      "staff.id as staffId",
      "staff.name as staffName",
      "staff.email",
      "staff.active",
      "staff.removed_at as removedAt",
      "companies.name as companyName",
    ])
    .where("staff_invitations.id", "=", hashInvitationToken(token))
    .whereRef("staff.company_id", "=", "staff_invitations.company_id")
    .executeTakeFirst();
  if (!row || row.removedAt !== null) throw errors.invitationNotFound();
  if (row.acceptedAt !== null) throw errors.invitationUsed();
  if (row.expiresAt <= nowIso()) throw errors.invitationExpired();
  if (row.active !== 1) throw errors.invitationRevoked();

  return {
    id: row.id,
    staffId: row.staffId,
    staffName: row.staffName,
    email: row.email,
    companyName: row.companyName,
    expiresAt: row.expiresAt,
  };
}

/**
 * Sets the invited staff member's password and uses up the invitation.
 * Returns the staff id. Of two concurrent accepts, only one succeeds.
 */
export async function acceptInvitation(
  trx: Db,
  token: string,
  passwordHash: string,
): Promise<string> {
  const invitation = await findOpenInvitation(trx, token);

  const claimed = await trx
    .updateTable("staff_invitations")
    .set({ accepted_at: nowIso() })
    .where("id", "=", invitation.id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw errors.invitationUsed();

  await trx
    .updateTable("staff")
    .set({ password_hash: passwordHash })
    .where("id", "=", invitation.staffId)
    .execute();
  await deleteOpenInvitations(trx, invitation.staffId);

  return invitation.staffId;
}
