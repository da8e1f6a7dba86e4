import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { newId } from "../../../db/ids.js";
import { preparedQuery } from "../../../db/prepared-query.js";
import type { Logger } from "../../../logger.js";
import {
  previewOf,
  type NewMessage,
  type RecordedMessage,
} from "./conversation-store.js";
import { randomInboundShard } from "./unread-counters.js";

/** An inbound text without media, as storeInboundText takes it. */
export type NewInboundText = Pick<
  NewMessage,
  "companyId" | "customerNumber" | "inboxNumber" | "body" | "createdAt"
> & { twilioSid: string };

/**
 * Maximum texts per statement. It bounds how long a group holds its
 * conversations' row locks and the company's event log lock.
 */
const MAX_TEXTS_PER_STATEMENT = 64;

interface PendingText {
  text: NewInboundText;
  logger: Logger | undefined;
  resolve: (stored: RecordedMessage) => void;
  reject: (error: unknown) => void;
}

/**
 * Time after which a statement that is still in flight no longer holds
 * back the company's next texts. A statement can wait for a row lock, for
 * example for a conversation that another transaction holds.
 */
const STALLED_AFTER_MS = 100;

/** Maximum statements of one company in flight at once. */
const MAX_STATEMENTS_IN_FLIGHT = 4;

/** PostgreSQL's SQLSTATE for a transaction it aborted to break a deadlock. */
const DEADLOCK_DETECTED = "40P01";

/** A company's texts that wait for a statement, and its statements in flight. */
interface CompanyQueue {
  pending: PendingText[];
  running: number;
}

/** Per database, the queue of each company that has a statement in flight. */
const queues = new WeakMap<Db, Map<string, CompanyQueue>>();

/*
 * Group commit on PostgreSQL. A company's texts commit one after another,
 * because each transaction holds the company's event log lock
 * (events/event-log.ts) until its COMMIT has flushed the WAL. So while a
 * statement of a company is in flight, the company's next texts wait, and
 * then go to the database together in one statement and one transaction.
 * A lone text goes at once. Once a statement has run for 100 ms, the
 * waiting texts go in another statement, up to 4 at once. A text that
 * waits for a lock therefore does not hold up the others. When a group's
 * statement fails, each of its texts is stored again in a statement of its
 * own, so one failing text, or a deadlock with another instance's group,
 * fails no other text. A lone text that PostgreSQL aborted to break a
 * deadlock is stored once more.
 */

/**
 * Stores an inbound text without media that is not an opt-out keyword on
 * PostgreSQL through the function store_inbound_texts (migration
 * 20261211_0001), and resolves once it is committed. It does what
 * recordMessage does for such a text, with the message stored as received
 * from the customer's number to the inbox number. Texts of one company
 * that arrive while another of its statements is in flight share the next
 * statement. The statement runs on the pool, outside any transaction,
 * because its transaction must end right after it to release the event
 * log lock. `logger` receives a line when a group that contains the text
 * fails.
 */
export function storeInboundText(
  db: Db,
  text: NewInboundText,
  logger?: Logger,
): Promise<RecordedMessage> {
  let companies = queues.get(db);
  if (!companies) {
    companies = new Map();
    queues.set(db, companies);
  }
  let queue = companies.get(text.companyId);
  if (!queue) {
    queue = { pending: [], running: 0 };
    companies.set(text.companyId, queue);
  }
  const target = queue;
  const registry = companies;

  return new Promise<RecordedMessage>((resolve, reject) => {
    target.pending.push({ text, logger, resolve, reject });
    if (target.running > 0) return;

    target.running = 1;
    void drain(db, registry, text.companyId, target);
  });
}

/** Stores the queue's texts, a group at a time, until none is waiting. */
async function drain(
  db: Db,
  companies: Map<string, CompanyQueue>,
  companyId: string,
  queue: CompanyQueue,
): Promise<void> {
  try {
    while (queue.pending.length > 0) {
      const group = queue.pending.splice(0, MAX_TEXTS_PER_STATEMENT);
      // Checked every 100 ms while the statement runs, because texts can
      // arrive after another drain has emptied the queue.
      const stalled = setInterval(() => {
        if (
          queue.pending.length === 0 ||
          queue.running >= MAX_STATEMENTS_IN_FLIGHT
        )
          return;
        queue.running += 1;
        void drain(db, companies, companyId, queue);
      }, STALLED_AFTER_MS);
      try {
        await storeGroup(db, companyId, group);
      } finally {
        clearInterval(stalled);
      }
    }
  } finally {
    queue.running -= 1;
    if (queue.running === 0) companies.delete(companyId);
  }
}

async function storeGroup(
  db: Db,
  companyId: string,
  group: PendingText[],
): Promise<void> {
  if (group.length > 1) {
    try {
      const stored = await storeTexts(
        db,
        companyId,
        group.map((pending) => pending.text),
      );
      group.forEach((pending, index) => pending.resolve(stored[index]!));

      return;
    } catch (error) {
      // The statement's transaction was rolled back as a whole, so each
      // text is stored again alone.
      group[0]?.logger?.warn(
        {
          err: error,
          companyId,
          messageSids: group.map((pending) => pending.text.twilioSid),
        },
        "storing a group of inbound texts failed, storing each alone",
      );
    }
  }

  await Promise.all(
    group.map(async (pending) => {
      try {
        pending.resolve(await storeAlone(db, companyId, pending.text));
      } catch (error) {
        pending.reject(error);
      }
    }),
  );
}

/** Stores one text in a statement of its own, again after a deadlock. */
async function storeAlone(
  db: Db,
  companyId: string,
  text: NewInboundText,
): Promise<RecordedMessage> {
  try {
    const [stored] = await storeTexts(db, companyId, [text]);

    return stored!;
  } catch (error) {
    if (!isDeadlock(error)) throw error;

    const [stored] = await storeTexts(db, companyId, [text]);

    return stored!;
  }
}

function isDeadlock(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    error.code === DEADLOCK_DETECTED
  );
}

/**
 * Runs store_inbound_texts and returns the stored message of each text,
 * in the order of `texts`. A text that repeats the Twilio SID of an
 * earlier text of the group is not sent: it returns the earlier text's
 * message with inserted = false, as it would have had it arrived after
 * that text committed. The texts go to the function sorted by customer
 * number, the order in which it takes row locks, then by time and Twilio
 * SID, so a new conversation is created by its earliest text.
 */
async function storeTexts(
  db: Db,
  companyId: string,
  texts: NewInboundText[],
): Promise<RecordedMessage[]> {
  const firstWithSid = new Map<string, number>();
  const sameAs = texts.map((text, index) => {
    const first = firstWithSid.get(text.twilioSid);
    if (first !== undefined) return first;
    firstWithSid.set(text.twilioSid, index);

    return index;
  });
  const order = [...firstWithSid.values()].sort((a, b) =>
    compareTexts(texts[a]!, texts[b]!),
  );
  const sorted = order.map((index) => texts[index]!);
  const { rows } = await callStoreInboundTexts(db, {
    companyId,
    shard: randomInboundShard(),
    customerNumbers: sorted.map((text) => text.customerNumber),
    inboxNumbers: sorted.map((text) => text.inboxNumber),
    twilioSids: sorted.map((text) => text.twilioSid),
    bodies: sorted.map((text) => text.body),
    previews: sorted.map((text) => previewOf({ body: text.body, media: [] })),
    createdAts: sorted.map((text) => text.createdAt),
    messageIds: sorted.map(() => newId()),
    newConversationIds: sorted.map(() => newId()),
  });
  if (rows.length !== sorted.length) {
    throw new Error(
      `store_inbound_texts returned ${rows.length} rows for ${sorted.length} texts.`,
    );
  }

  const stored: RecordedMessage[] = new Array(texts.length);
  for (const row of rows) {
    // text_index counts from 1 in the sorted order.
    stored[order[row.text_index - 1]!] = {
      conversationId: row.conversation_id,
      messageId: row.message_id,
      inserted: row.inserted,
    };
  }

  return sameAs.map((first, index) =>
    first === index ? stored[index]! : { ...stored[first]!, inserted: false },
  );
}

function compareTexts(a: NewInboundText, b: NewInboundText): number {
  return (
    compareStrings(a.customerNumber, b.customerNumber) ||
    compareStrings(a.createdAt, b.createdAt) ||
    compareStrings(a.twilioSid, b.twilioSid)
  );
}

/** Compares by code unit, so the order does not depend on a locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}

const callStoreInboundTexts = preparedQuery(
  (
    _db,
    p: {
      companyId: string;
      shard: number;
      customerNumbers: string[];
      inboxNumbers: string[];
      twilioSids: string[];
      bodies: string[];
      previews: string[];
      createdAts: string[];
      messageIds: string[];
      newConversationIds: string[];
    },
  ) => sql<{
    text_index: number;
    conversation_id: string;
    message_id: string;
    inserted: boolean;
  }>`
    SELECT text_index, conversation_id, message_id, inserted
    FROM store_inbound_texts(
      ${p.companyId}::text, ${p.shard}::integer,
      ${p.customerNumbers}::text[], ${p.inboxNumbers}::text[],
      ${p.twilioSids}::text[], ${p.bodies}::text[], ${p.previews}::text[],
      ${p.createdAts}::text[], ${p.messageIds}::text[],
      ${p.newConversationIds}::text[]
    )
  `,
);
