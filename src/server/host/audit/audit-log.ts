import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/database.js";
import { newId, nowIso } from "../../db/ids.js";
import type { AuditAction } from "./audit-actions.js";

/** The staff member or shell command behind an audited action. */
export interface AuditActor {
  /** Null for an action taken from a shell command. */
  staffId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  companyId: string;
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string; label: string } | undefined;
  /** Facts about the change, such as old and new values. Never a secret. */
  details?: Record<string, unknown> | undefined;
}

/** Returns the actor of a request made by a signed-in staff member. */
export function actorOf(request: FastifyRequest, staffId: string): AuditActor {
  return { staffId, ip: request.ip };
}

/**
 * Appends an entry to the company's audit log. Call it with the transaction
 * that makes the change, so the entry exists exactly when the change does.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const actorName = entry.actor.staffId
    ? await staffName(db, entry.actor.staffId)
    : "Command line";

  await db
    .insertInto("audit_events")
    .values({
      id: newId(),
      company_id: entry.companyId,
      actor_staff_id: entry.actor.staffId,
      actor_name: actorName,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      target_label: entry.target?.label ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.actor.ip,
      created_at: nowIso(),
    })
    .execute();
}

async function staffName(db: Db, staffId: string): Promise<string> {
  const row = await db
    .selectFrom("staff")
    .select("name")
    .where("id", "=", staffId)
    .executeTakeFirst();

  return row?.name ?? "Deleted staff member";
}
