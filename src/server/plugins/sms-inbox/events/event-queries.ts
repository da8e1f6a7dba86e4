import type { Db } from "../../../db/database.js";
import type { InboxEventType } from "./event-log.js";

/** The staff member a stream belongs to. */
export interface StreamViewer {
  companyId: string;
  staffId: string;
}

export interface InboxEventRow {
  id: number;
  type: InboxEventType;
  conversation_id: string;
  message_id: string | null;
}

export interface LoggedEventRow extends InboxEventRow {
  /** The only staff member the event is for, or null when it is for everyone. */
  staff_id: string | null;
}

/**
 * Lists the company's events after `afterId`, oldest first, for every
 * staff member. A viewer receives those for everyone (staff_id null) and
 * those addressed to them.
 */
export async function listCompanyEventsAfter(
  db: Db,
  companyId: string,
  afterId: number,
  limit: number,
): Promise<LoggedEventRow[]> {
  const rows = await db
    .selectFrom("inbox_events")
    .select(["id", "type", "conversation_id", "message_id", "staff_id"])
    .where("company_id", "=", companyId)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();

  // PostgreSQL returns a bigint id as a string.
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Returns the company's newest event id, or 0 when it has none. */
export async function latestEventId(
  db: Db,
  companyId: string,
): Promise<number> {
  const row = await db
    .selectFrom("inbox_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("company_id", "=", companyId)
    .executeTakeFirst();

  return Number(row?.id ?? 0);
}

/**
 * Returns where a stream starts: after `lastEventId` when the client saw
 * that event, else after the company's newest event. An id above every
 * stored one (the database was replaced, say) also starts at the newest,
 * because events numbered below it would never reach the client otherwise.
 */
export async function resolveStartCursor(
  db: Db,
  companyId: string,
  lastEventId: number | null,
): Promise<number> {
  if (lastEventId !== null) {
    const row = await db
      .selectFrom("inbox_events")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst();
    if (lastEventId <= Number(row?.id ?? 0)) return lastEventId;
  }

  return latestEventId(db, companyId);
}

/** Deletes events created before `before`; returns how many. */
export async function deleteEventsBefore(
  db: Db,
  before: string,
): Promise<number> {
  const result = await db
    .deleteFrom("inbox_events")
    .where("created_at", "<", before)
    .executeTakeFirst();

  return Number(result.numDeletedRows);
}
