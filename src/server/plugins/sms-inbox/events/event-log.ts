import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import type { Database, InboxEventsTable } from "../../../db/schema.js";
import { notifyOnCommit } from "../../../db/notifications.js";
import { notifyInboxEvents } from "./event-signal.js";

type Executor = Db | Transaction<Database>;

export type InboxEventType = InboxEventsTable["type"];

export interface NewInboxEvent {
  companyId: string;
  type: InboxEventType;
  conversationId: string;
  messageId: string | null;
  /** Limits delivery to this staff member's streams, as for read state. */
  staffId?: string | null;
}

/*
 * Writers append in the transaction of the change an event describes, so
 * the event commits or rolls back with it. On SQLite the appenders wake
 * this process's streams at once. That is safe before the commit, because
 * Kysely runs every query on its one connection and a transaction keeps
 * that connection until it ends. A woken stream's read therefore waits for
 * the commit and then sees the event. On PostgreSQL the appenders send
 * pg_notify instead, which is delivered at the commit to every instance.
 *
 * TODO: on PostgreSQL, take a per-company advisory lock before the insert,
 * so that ids become visible in the order they were assigned and a stream
 * never skips an id that commits late.
 */

/** Appends an event to the company's inbox log. */
export async function appendInboxEvent(
  db: Executor,
  event: NewInboxEvent,
): Promise<void> {
  await db
    .insertInto("inbox_events")
    .values({
      company_id: event.companyId,
      type: event.type,
      conversation_id: event.conversationId,
      message_id: event.messageId,
      staff_id: event.staffId ?? null,
      created_at: nowIso(),
    })
    .execute();
  await wakeStreams(db, event.companyId);
}

/**
 * Appends a "message.updated" event when the message's `updated_at` is
 * `updatedAt`, which is the case right after a statement that changed the
 * message and set `updated_at` to that time. An update that matched no
 * row therefore appends nothing. The company and the conversation are read
 * from the message in the same statement.
 */
export async function appendMessageUpdated(
  db: Executor,
  messageId: string,
  updatedAt: string,
): Promise<void> {
  const appended = await db
    .insertInto("inbox_events")
    .columns([
      "company_id",
      "type",
      "conversation_id",
      "message_id",
      "created_at",
    ])
    .expression((eb) =>
      eb
        .selectFrom("messages")
        .select((inner) => [
          "company_id",
          inner.val("message.updated").as("type"),
          "conversation_id",
          "id",
          inner.val(nowIso()).as("created_at"),
        ])
        .where("id", "=", messageId)
        .where("updated_at", "=", updatedAt),
    )
    .returning("company_id")
    .executeTakeFirst();
  if (appended) await wakeStreams(db, appended.company_id);
}

/** pg_notify channel whose payload is the id of a company with new events. */
export const INBOX_EVENTS_CHANNEL = "sms_inbox_events";

/**
 * Wakes the company's streams once the event is visible to their reads. On
 * PostgreSQL that is at the commit, so the wake is a notification that
 * every instance receives then (see registerEventRoutes).
 */
async function wakeStreams(db: Executor, companyId: string): Promise<void> {
  if (await notifyOnCommit(db, INBOX_EVENTS_CHANNEL, companyId)) return;

  notifyInboxEvents(companyId);
}
