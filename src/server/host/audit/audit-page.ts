import type { AuditEntry, AuditPage } from "../../../common/admin-api.js";
import type { Db } from "../../db/database.js";
import { cutKeysetPage, decodeCursor } from "../../http/keyset-cursor.js";
import { auditActionLabels, type AuditAction } from "./audit-actions.js";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPageQuery {
  companyId: string;
  action?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * Loads a page of a company's audit log, newest first. Pages are keyed by
 * (created_at, id), so entries written while someone pages through never
 * shift or repeat entries on later pages.
 */
export async function loadAuditPage(
  db: Db,
  query: AuditPageQuery,
): Promise<AuditPage> {
  const limit = query.limit ?? AUDIT_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(query.cursor, "cursor") : null;

  let select = db
    .selectFrom("audit_events")
    .selectAll()
    .where("company_id", "=", query.companyId);
  if (query.action) select = select.where("action", "=", query.action);
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb("created_at", "<", after.at),
        eb.and([eb("created_at", "=", after.at), eb("id", "<", after.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();

  const page = cutKeysetPage(rows, limit, (row) => ({
    at: row.created_at,
    id: row.id,
  }));

  return {
    entries: page.rows.map(presentAuditEntry),
    nextCursor: page.nextCursor,
    actions: Object.entries(auditActionLabels).map(([key, label]) => ({
      key,
      label,
    })),
  };
}

function presentAuditEntry(row: {
  id: string;
  action: string;
  actor_staff_id: string | null;
  actor_name: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: string;
  ip: string | null;
  created_at: string;
}): AuditEntry {
  const target =
    row.target_type !== null && row.target_id !== null
      ? {
          type: row.target_type,
          id: row.target_id,
          label: row.target_label ?? row.target_id,
        }
      : null;

  return {
    id: row.id,
    action: row.action,
    actionLabel: auditActionLabels[row.action as AuditAction] ?? row.action,
    actor: { staffId: row.actor_staff_id, name: row.actor_name },
    target,
    details: parseDetails(row.details),
    ip: row.ip,
    createdAt: row.created_at,
  };
}

function parseDetails(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);

  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
