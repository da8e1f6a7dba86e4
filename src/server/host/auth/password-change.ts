import type { AuditActor } from "../audit/audit-log.js";
import type { LoginRateLimiter } from "../../auth/login-rate-limiter.js";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import { deleteOtherSessions } from "../../auth/session-store.js";
import type { Db } from "../../db/database.js";
import { AppError, errors } from "../../errors.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";
import { inTransaction } from "../transaction.js";
import type { PasswordChangeReq } from "./schemas.js";

/** Wrong current passwords allowed per staff member in each window. */
export const MAX_WRONG_CURRENT_PASSWORDS = 5;
export const PASSWORD_CHANGE_WINDOW_MS = 15 * 60 * 1000;

/** The signed-in staff member who changes their own password. */
export interface PasswordOwner {
  staffId: string;
  companyId: string;
  /** Token of the session that sends the change, which stays signed in. */
  sessionToken: string;
  ip: string;
}

/**
 * Replaces the signed-in staff member's password after checking the current
 * one, signs out their other sessions and records the change in the audit
 * log. A wrong current password counts against `limiter`, keyed by staff id.
 */
export async function changeOwnPassword(
  db: Db,
  limiter: LoginRateLimiter,
  input: PasswordChangeReq,
  owner: PasswordOwner,
): Promise<void> {
  const staff = await db
    .selectFrom("staff")
    .select(["id", "name", "password_hash"])
    .where("id", "=", owner.staffId)
    .executeTakeFirstOrThrow();
  const matches = await verifyPassword(
    input.currentPassword,
    staff.password_hash,
  );
  if (!matches) {
    limiter.recordFailure(owner.staffId);
    throw errors.validation(
      "The current password is incorrect.",
      "currentPassword",
    );
  }

  limiter.reset(owner.staffId);
  if (input.newPassword === input.currentPassword) {
    throw errors.validation(
      "The new password is the same as the current one. Choose a different password.",
      "newPassword",
    );
  }

  // Hash before the transaction, so the slow scrypt call holds no lock.
  const passwordHash = await hashPassword(input.newPassword);
  const actor: AuditActor = { staffId: owner.staffId, ip: owner.ip };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("staff")
      .set({ password_hash: passwordHash })
      .where("id", "=", owner.staffId)
      .execute();
    const ended = await deleteOtherSessions(
      trx,
      owner.staffId,
      owner.sessionToken,
    );
    await recordAudit(trx, {
      companyId: owner.companyId,
      actor,
      action: auditActions.staffPasswordChanged,
      target: { type: "staff", id: staff.id, label: staff.name },
      details: { otherSessionsSignedOut: ended },
    });
  });
}

/** Returns the 429 error for too many wrong current passwords. */
export function tooManyWrongPasswords(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));

  return new AppError(
    429,
    "too_many_password_attempts",
    `Too many wrong current passwords. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
  );
}
