import { sql, type ExpressionBuilder, type Transaction } from "kysely";
import { preparedQuery } from "../../../db/prepared-query.js";
import type { Database } from "../../../db/schema.js";

/** Shards of a company's inbound total, so concurrent webhooks on
 * PostgreSQL do not all wait for one row lock. */
const INBOUND_COUNT_SHARDS = 8;

/*
 * Unread counts are kept as counters, so neither a page of conversations
 * nor the inbox total scans messages. A message is unread for a staff
 * member when it is inbound and newer than their last read of its
 * conversation, so:
 *
 *   unread(conversation, staff) = conversations.inbound_count
 *                                 - conversation_reads.read_inbound_count
 *   unread(staff) = sum of company_inbound_counts shards
 *                   - staff_read_counts.read_inbound_count
 *
 * Every change to these counters happens in the transaction that stores
 * the inbound message or the read, after the conversation row is locked,
 * so the two never miss each other.
 */

/**
 * Returns the SET values that raise a conversation's inbound counters for
 * a message created at `createdAt`, for recordMessage's UPDATE of the row.
 */
export function inboundConversationCounters(
  eb: ExpressionBuilder<Database, "conversations">,
  createdAt: string,
) {
  return {
    inbound_count: eb("inbound_count", "+", 1),
    last_inbound_at: eb
      .case()
      .when(
        eb.or([
          eb("last_inbound_at", "is", null),
          eb("last_inbound_at", "<", createdAt),
        ]),
      )
      .then(createdAt)
      .else(eb.ref("last_inbound_at"))
      .end(),
  };
}

/**
 * Adds a newly stored inbound message to the read and company counters.
 * Call after the UPDATE that applied inboundConversationCounters, which
 * locked the conversation row.
 */
export async function countInboundMessage(
  trx: Transaction<Database>,
  message: { companyId: string; conversationId: string; createdAt: string },
): Promise<void> {
  const { companyId, conversationId, createdAt } = message;

  // A staff member whose read time is at or after this message's time has
  // read it already: a clock or a commit ran ahead of this webhook.
  const readers = await countInboundAsRead(trx, { conversationId, createdAt });
  for (const reader of readers.rows) {
    await addToStaffReadCount(trx, companyId, reader.staff_id, 1);
  }

  await countCompanyInbound(trx, { companyId, shard: randomInboundShard() });
}

/** Draws the shard of the company's inbound total that a message raises. */
export function randomInboundShard(): number {
  return Math.floor(Math.random() * INBOUND_COUNT_SHARDS);
}

/** Raises the read count of every reader who read at or after `createdAt`. */
const countInboundAsRead = preparedQuery(
  (db, p: { conversationId: string; createdAt: string }) =>
    db
      .updateTable("conversation_reads")
      .set((eb) => ({ read_inbound_count: eb("read_inbound_count", "+", 1) }))
      .where("conversation_id", "=", p.conversationId)
      .where("last_read_at", ">=", p.createdAt)
      .returning("staff_id"),
);

/** Adds one to a shard of the company's inbound total. */
const countCompanyInbound = preparedQuery(
  (db, p: { companyId: string; shard: number }) =>
    db
      .insertInto("company_inbound_counts")
      .values({
        company_id: p.companyId,
        shard: p.shard,
        inbound_count: 1,
      })
      .onConflict((conflict) =>
        conflict.columns(["company_id", "shard"]).doUpdateSet({
          inbound_count: sql`company_inbound_counts.inbound_count + 1`,
        }),
      ),
);

/**
 * Returns how many of the conversation's inbound messages were created at
 * or before `readAt`. Call after lockConversation, so no inbound message
 * of the conversation commits in between.
 */
export async function countInboundReadAt(
  trx: Transaction<Database>,
  conversation: {
    id: string;
    inbound_count: number;
    last_inbound_at: string | null;
  },
  readAt: string,
): Promise<number> {
  if (conversation.last_inbound_at === null) return 0;
  if (conversation.last_inbound_at <= readAt) return conversation.inbound_count;

  const row = await trx
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "inbound")
    .where("created_at", "<=", readAt)
    .executeTakeFirstOrThrow();

  return Number(row.count);
}

/**
 * Locks the conversation row until the transaction ends and returns its
 * inbound counters. Storing an inbound message updates the same row, so
 * the two transactions run one after the other on PostgreSQL; SQLite runs
 * one write transaction at a time anyway.
 */
export async function lockConversation(
  trx: Transaction<Database>,
  conversationId: string,
): Promise<{
  id: string;
  inbound_count: number;
  last_inbound_at: string | null;
} | null> {
  const row = await trx
    .updateTable("conversations")
    .set((eb) => ({ inbound_count: eb.ref("inbound_count") }))
    .where("id", "=", conversationId)
    .returning(["id", "inbound_count", "last_inbound_at"])
    .executeTakeFirst();

  return row ?? null;
}

export async function addToStaffReadCount(
  trx: Transaction<Database>,
  companyId: string,
  staffId: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;

  await trx
    .insertInto("staff_read_counts")
    .values({
      company_id: companyId,
      staff_id: staffId,
      read_inbound_count: delta,
    })
    .onConflict((conflict) =>
      conflict.columns(["company_id", "staff_id"]).doUpdateSet({
        read_inbound_count: sql`staff_read_counts.read_inbound_count + ${delta}`,
      }),
    )
    .execute();
}
