import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { newId } from "../../../db/ids.js";
import { preparedQuery } from "../../../db/prepared-query.js";
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
  resolve: (stored: RecordedMessage) => void;
  reject: (error: unknown) => void;
}

/** The texts of one company waiting for the statement in flight to end. */
interface CompanyQueue {
  pending: PendingText[];
}

/** Per database, the queue of each company that has a statement in flight. */
const queues = new WeakMap<Db, Map<string, CompanyQueue>>();

/*
 * Group commit on PostgreSQL. A company's texts commit one after another,
 * because each transaction holds the company's event log lock
 * (events/event-log.ts) until its COMMIT has flushed the WAL. So while one
 * statement of a company is in flight, the company's next texts wait, and
 * then go to the database together in one statement and one transaction.
 * A lone text goes at once. When a group's statement fails, each of its
 * texts is stored again in a statement of its own, so one failing text,
 * or a deadlock with another instance's group, never fails another.
 */

/**
 * Stores an inbound text without media that is not an opt-out keyword on
 * PostgreSQL through the function store_inbound_texts (migration
 * 20261209_0001), and resolves once it is committed. It does what
 * recordMessage does for such a text, with the message stored as received
 * from the customer's number to the inbox number. Texts of one company
 * that arrive while another of its statements is in flight share the next
 * statement. The statement runs on the pool, outside any transaction,
 * because its transaction must end right after it to release the event
 * log lock.
 */
export function storeInboundText(
  db: Db,
  text: NewInboundText,
): Promise<RecordedMessage> {
  let companies = queues.get(db);
  if (!companies) {
    companies = new Map();
    queues.set(db, companies);
  }
  const queue = companies.get(text.companyId);

  return new Promise<RecordedMessage>((resolve, reject) => {
    const pending: PendingText = { text, resolve, reject };
    if (queue) {
      queue.pending.push(pending);
      return;
    }
    const started: CompanyQueue = { pending: [pending] };
    companies.set(text.companyId, started);
    void drain(db, companies, text.companyId, started);
  });
}

async function drain(
  db: Db,
  companies: Map<string, CompanyQueue>,
  companyId: string,
  queue: CompanyQueue,
): Promise<void> {
  try {
    while (queue.pending.length > 0) {
      const group = queue.pending.splice(0, MAX_TEXTS_PER_STATEMENT);
      await storeGroup(db, companyId, group);
    }
  } finally {
    companies.delete(companyId);
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
    } catch {
      // The statement's transaction was rolled back as a whole, so each
      // text is stored again alone.
    }
  }

  for (const pending of group) {
    try {
      const [stored] = await storeTexts(db, companyId, [pending.text]);
      pending.resolve(stored!);
    } catch (error) {
      pending.reject(error);
    }
  }
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
