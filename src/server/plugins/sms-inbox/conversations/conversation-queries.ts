import type { ExpressionBuilder } from "kysely";
import type { Db } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import type { KeysetPosition } from "../pagination/keyset-cursor.js";

export interface ConversationSummaryRow {
  id: string;
  customer_number: string;
  inbox_number: string;
  last_message_at: string;
  last_message_preview: string;
  customer_name: string | null;
  /** A string or bigint on PostgreSQL, where count() is a bigint. */
  unread_count: number | string | bigint | null;
  /** Opt-out state for `inbox_number`; all null when none is stored. */
  opted_out: number | null;
  opt_out_keyword: string | null;
  opted_out_at: string | null;
  opted_in_at: string | null;
}

type SummaryScope = ExpressionBuilder<
  Database & { c: Database["conversations"] } & {
    r: Database["conversation_reads"];
  },
  "c" | "r"
>;

/**
 * Selects one summary row per conversation of the company, as seen by one
 * staff member. The customer's name and the unread count are correlated
 * subqueries, and the opt-out state is a join on its primary key, so a page
 * of conversations costs one statement.
 */
function selectSummaries(db: Db, companyId: string, staffId: string) {
  return db
    .selectFrom("conversations as c")
    .leftJoin("conversation_reads as r", (join) =>
      join
        .onRef("r.conversation_id", "=", "c.id")
        .on("r.staff_id", "=", staffId),
    )
    .leftJoin("opt_outs as o", (join) =>
      join
        .onRef("o.company_id", "=", "c.company_id")
        .onRef("o.customer_number", "=", "c.customer_number")
        .onRef("o.inbox_number", "=", "c.inbox_number"),
    )
    .select((eb) => [
      "c.id",
      "c.customer_number",
      "c.inbox_number",
      "c.last_message_at",
      "c.last_message_preview",
      customerName(eb).as("customer_name"),
      unreadCount(eb).as("unread_count"),
      "o.opted_out",
      "o.keyword as opt_out_keyword",
      "o.opted_out_at",
      "o.opted_in_at",
    ])
    .where("c.company_id", "=", companyId);
}

/**
 * Selects the name of the company's customer whose E.164 number is the
 * conversation key. When several customers share the number, the oldest
 * record wins, so the name is stable.
 */
function customerName(eb: SummaryScope) {
  return eb
    .selectFrom("customers as cu")
    .select("cu.name")
    .whereRef("cu.company_id", "=", "c.company_id")
    .whereRef("cu.phone_e164", "=", "c.customer_number")
    .orderBy("cu.created_at")
    .orderBy("cu.id")
    .limit(1);
}

/** Inbound messages newer than the staff member's last read time. */
function unreadCount(eb: SummaryScope) {
  return eb
    .selectFrom("messages as m")
    .select((inner) => inner.fn.countAll().as("count"))
    .whereRef("m.conversation_id", "=", "c.id")
    .where("m.direction", "=", "inbound")
    .where((inner) =>
      inner.or([
        inner("r.last_read_at", "is", null),
        inner("m.created_at", ">", inner.ref("r.last_read_at")),
      ]),
    );
}

/** Lists summaries newest activity first, after `before` when given. */
export async function listConversationSummaries(
  db: Db,
  options: {
    companyId: string;
    staffId: string;
    before: KeysetPosition | null;
    limit: number;
  },
): Promise<ConversationSummaryRow[]> {
  const { before } = options;
  let query = selectSummaries(db, options.companyId, options.staffId)
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id", "desc")
    .limit(options.limit);
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("c.last_message_at", "<", before.at),
        eb.and([
          eb("c.last_message_at", "=", before.at),
          eb("c.id", "<", before.id),
        ]),
      ]),
    );
  }

  return query.execute();
}

export async function findConversationSummary(
  db: Db,
  companyId: string,
  staffId: string,
  conversationId: string,
): Promise<ConversationSummaryRow | undefined> {
  return selectSummaries(db, companyId, staffId)
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
}

/** Counts the staff member's unread inbound messages across the company. */
export async function countUnreadMessages(
  db: Db,
  companyId: string,
  staffId: string,
): Promise<number> {
  const row = await db
    .selectFrom("conversations as c")
    .innerJoin("messages as m", "m.conversation_id", "c.id")
    .leftJoin("conversation_reads as r", (join) =>
      join
        .onRef("r.conversation_id", "=", "c.id")
        .on("r.staff_id", "=", staffId),
    )
    .select((eb) => eb.fn.countAll().as("count"))
    .where("c.company_id", "=", companyId)
    .where("m.direction", "=", "inbound")
    .where((eb) =>
      eb.or([
        eb("r.last_read_at", "is", null),
        eb("m.created_at", ">", eb.ref("r.last_read_at")),
      ]),
    )
    .executeTakeFirstOrThrow();

  return Number(row.count);
}
