import type { AuditEntry, AuditPage } from "../../../common/admin-api.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import { auditActionLabels, type AuditAction } from "./audit-actions.js";

export const AUDIT_PAGE_SIZE = 50;

/** Position after the last entry of a page: its timestamp and id. */
interface AuditCursor {
  createdAt: string;
  id: string;
}

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
  const after = query.cursor ? decodeCursor(query.cursor) : null;

  let select = db
    .selectFrom("audit_events")
    .selectAll()
    .where("company_id", "=", query.companyId);
  if (query.action) select = select.where("action", "=", query.action);
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb("created_at", "<", after.createdAt),
        eb.and([
          eb("created_at", "=", after.createdAt),
          eb("id", "<", after.id),
        ]),
      ]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();

  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ createdAt: last.created_at, id: last.id })
      : null;

  return {
    entries: pageRows.map(presentAuditEntry),
    nextCursor,
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

function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString(
    "base64url",
  );
}

function decodeCursor(text: string): AuditCursor {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(text, "base64url").toString("utf8"),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string"
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Reported below, like any other malformed cursor.
  }

  throw errors.validation(
    "cursor: the cursor is not one this server returned. Load the audit log from the first page again.",
    "cursor",
  );
}
