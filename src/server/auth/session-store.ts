import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/database.js";
import { nowIso } from "../db/ids.js";

export const SESSION_COOKIE = "sms_inbox_session";

export interface NewSession {
  /** Cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  staffId: string,
  ttlMs: number,
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlMs);

  await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      staff_id: staffId,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();

  return { token, csrfToken, expiresAt };
}

/**
 * Selects the unexpired session of `token` joined to its staff member, who
 * must be active. Callers add their own columns and conditions.
 */
export function selectLiveSession(db: Db, token: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("staff", "staff.id", "sessions.staff_id")
    .where("sessions.id", "=", hashToken(token))
    .where("sessions.expires_at", ">", nowIso())
    .where("staff.active", "=", 1);
}

export async function findSession(db: Db, token: string) {
  return selectLiveSession(db, token)
    .select([
      "sessions.id as sessionId",
      "sessions.csrf_token as csrfToken",
      "staff.id as staffId",
      "staff.company_id as companyId",
      "staff.role_id as roleId",
    ])
    .executeTakeFirst();
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

/**
 * Signs a staff member out of every session except the one of `keepToken`,
 * and returns how many sessions ended.
 */
export async function deleteOtherSessions(
  db: Db,
  staffId: string,
  keepToken: string,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("staff_id", "=", staffId)
    .where("id", "!=", hashToken(keepToken))
    .executeTakeFirst();

  return Number(result.numDeletedRows);
}
