import { sql, type Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import { nowIso } from "../../../db/ids.js";
import { preparedQuery } from "../../../db/prepared-query.js";
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
 * the event commits or rolls back with it. On SQLite the appenders wake
 * this process's streams at once. That is safe before the commit, because
 * Kysely runs every query on its one connection and a transaction keeps
 * that connection until it ends. A woken stream's read therefore waits for
 * the commit and then reads the event. On PostgreSQL the appenders send
 * pg_notify instead, which is delivered at the commit to every instance.
 *
 * On PostgreSQL an identity id is drawn when the row is inserted but becomes
 * visible at the commit, so without a lock a stream could send id N and
 * never see an id below N that commits later. Each append therefore first
 * takes a transaction-level advisory lock on its company. Appends for one
 * company then draw ids and commit one after another, in id order.
 *
 * The lock is held until the writer's transaction ends, so a writer should
 * append as late as it can. Writers that also change opt_outs (an inbound
 * STOP, a status callback with error 21610) append before that write, so
 * they take the two locks in the same order and cannot deadlock on them.
 */

/** Appends an event to the company's inbox log. */
export async function appendInboxEvent(
  db: Executor,
  event: NewInboxEvent,
): Promise<void> {
  const row: EventRow = {
    company_id: event.companyId,
    type: event.type,
    conversation_id: event.conversationId,
    message_id: event.messageId,
    staff_id: event.staffId ?? null,
    created_at: nowIso(),
  };
  if (isPostgres<Database>(db)) {
    await inTransaction(db, async (trx) => {
      await appendLockedAndNotify(trx, row);
    });
    return;
  }

  await insertEvent(db, row);
  notifyInboxEvents(event.companyId);
}

/**
 * Events per multi-row INSERT. At 6 values an event that binds 3,000
 * values, far below SQLite's limit of 32,766 and PostgreSQL's of 65,535.
 */
const EVENTS_PER_INSERT = 500;

/**
 * Appends events of one company with one INSERT per 500 events. On
 * PostgreSQL it takes the company's event log lock once, before the first
 * insert, and sends one pg_notify.
 */
export async function appendInboxEvents(
  db: Executor,
  companyId: string,
  events: readonly Omit<NewInboxEvent, "companyId">[],
): Promise<void> {
  if (events.length === 0) return;

  const createdAt = nowIso();
  const rows: EventRow[] = events.map((event) => ({
    company_id: companyId,
    type: event.type,
    conversation_id: event.conversationId,
    message_id: event.messageId,
    staff_id: event.staffId ?? null,
    created_at: createdAt,
  }));
  const insertAll = async (trx: Executor) => {
    for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
      await trx
        .insertInto("inbox_events")
        .values(rows.slice(start, start + EVENTS_PER_INSERT))
        .execute();
    }
  };

  if (isPostgres<Database>(db)) {
    await inTransaction(db, async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(
        ${sql.lit(EVENT_LOG_LOCK_CLASS)}, hashtext(${companyId})
      )`.execute(trx);
      await insertAll(trx);
      await sql`SELECT pg_notify(${INBOX_EVENTS_CHANNEL}, ${companyId})`.execute(
        trx,
      );
    });
    return;
  }

  await insertAll(db);
  notifyInboxEvents(companyId);
}

interface EventRow {
  company_id: string;
  type: InboxEventType;
  conversation_id: string;
  message_id: string | null;
  staff_id: string | null;
  created_at: string;
}

const insertEvent = preparedQuery((db, row: EventRow) =>
  db.insertInto("inbox_events").values({
    company_id: row.company_id,
    type: row.type,
    conversation_id: row.conversation_id,
    message_id: row.message_id,
    staff_id: row.staff_id,
    created_at: row.created_at,
  }),
);

/**
 * Takes the company's event log lock, inserts the event and sends the
 * pg_notify wake in one PostgreSQL statement, which saves two round trips
 * per event. The lock is taken in the subquery that produces the row, so
 * it is held before the INSERT draws the identity id.
 */
const appendLockedAndNotify = preparedQuery(
  (_db, row: EventRow) => sql`
    INSERT INTO inbox_events
      (company_id, type, conversation_id, message_id, staff_id, created_at)
    SELECT ${row.company_id}, ${row.type}, ${row.conversation_id},
      ${row.message_id}::text, ${row.staff_id}::text, ${row.created_at}
    FROM (
      SELECT pg_advisory_xact_lock(
        ${sql.lit(EVENT_LOG_LOCK_CLASS)}, hashtext(${row.company_id})
      )
    ) AS company_log_lock
    RETURNING pg_notify(${INBOX_EVENTS_CHANNEL}, company_id)
  `,
);

/**
 * Appends a "message.updated" event when the message's `updated_at` is
 * `updatedAt`, which is the case right after a statement that changed the
 * message and set `updated_at` to that time. An update that matched no
 * row therefore appends nothing. The company and the conversation are read
 * from the message before the company's log is locked.
 */
export async function appendMessageUpdated(
  db: Executor,
  messageId: string,
  updatedAt: string,
): Promise<void> {
  const changed = await db
    .selectFrom("messages")
    .select(["company_id", "conversation_id"])
    .where("id", "=", messageId)
    .where("updated_at", "=", updatedAt)
    .executeTakeFirst();
  if (!changed) return;

  await appendInboxEvent(db, {
    companyId: changed.company_id,
    type: "message.updated",
    conversationId: changed.conversation_id,
    messageId,
  });
}

/**
 * First key of the two-key advisory lock on a company's event log. It keeps
 * these locks apart from other advisory locks on the same database. The
 * PL/pgSQL function store_inbound_texts (migration 20261211_0001) contains
 * it as a literal, as it does INBOX_EVENTS_CHANNEL.
 */
const EVENT_LOG_LOCK_CLASS = 0x1b0e;

/**
 * Runs `append` in `db`'s transaction. When `db` is not a transaction, it
 * opens one on PostgreSQL, because a transaction-level lock taken outside
 * a transaction is released at the end of its own statement.
 */
async function inTransaction(
  db: Executor,
  append: (trx: Executor) => Promise<void>,
): Promise<void> {
  if (db.isTransaction || !isPostgres<Database>(db)) return append(db);

  await db.transaction().execute(append);
}

/** pg_notify channel whose payload is the id of a company with new events. */
export const INBOX_EVENTS_CHANNEL = "sms_inbox_events";
