import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import type { Database, InboxEventsTable } from "../../../db/schema.js";
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
 * the event commits or rolls back with it. The appenders wake this
 * process's streams at once. That is safe before the commit on SQLite,
 * because Kysely runs every query on its one connection and a transaction
 * holds that connection until it ends: a woken stream's read waits for the
 * commit and then sees the event.
 *
 * TODO: on PostgreSQL, wake streams with pg_notify inside the transaction
 * (delivered on commit to every instance), and take a per-company advisory
 * lock before the insert, so that ids become visible in the order they were
 * assigned and a stream never skips an id that commits late.
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
  notifyInboxEvents(event.companyId);
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
  if (appended) notifyInboxEvents(appended.company_id);
}
