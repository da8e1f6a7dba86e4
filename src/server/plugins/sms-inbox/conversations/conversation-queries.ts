import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { KeysetPosition } from "../../../http/keyset-cursor.js";
import {
  decodePageRow,
  pageRowJson,
  SUMMARY_COLUMNS,
  type PageRow,
} from "./page-rows.js";

export interface ConversationSummaryRow {
  id: string;
  customer_number: string;
  inbox_number: string;
  last_message_at: string;
  last_message_preview: string;
  /** 1 when the last message did not reach the customer, else 0. */
  last_message_failed: number;
  /** The customer staff chose; customer-matches.ts resolves the name. */
  customer_id: string | null;
  /** A string or bigint on PostgreSQL, where count() is a bigint. */
  unread_count: number | string | bigint | null;
  /** Opt-out state for `inbox_number`; all null when none is stored. */
  opted_out: number | null;
  opt_out_keyword: string | null;
  opted_out_at: string | null;
  opted_in_at: string | null;
}

/**
 * Selects one summary row per conversation of the company, as seen by one
 * staff member. The unread count is a difference of two counters, and the
 * read state and opt-out state are joins on their primary keys, so a page
 * of conversations costs one statement. Customer names are loaded for the page by customer-matches.ts.
 * With several staff ids, a conversation has one row per staff member who
 * has read it, or one row without read state when none has.
 */
function selectSummaries(
  db: Db,
  companyId: string,
  staffId: string | readonly string[],
  companyFilter: "indexed" | "per-row" = "indexed",
) {
  return joinSummarySources(db, companyId, staffId, companyFilter).select(
    summaryColumns,
  );
}

/** Joins the tables that selectSummaries reads, without selecting columns. */
function joinSummarySources(
  db: Db,
  companyId: string,
  staffId: string | readonly string[],
  companyFilter: "indexed" | "per-row",
) {
  return db
    .selectFrom("conversations as c")
    .leftJoin("conversation_reads as r", (join) => {
      const ofConversation = join.onRef("r.conversation_id", "=", "c.id");

      return typeof staffId === "string"
        ? ofConversation.on("r.staff_id", "=", staffId)
        : ofConversation.on("r.staff_id", "in", staffId);
    })
    .leftJoin("opt_outs as o", (join) =>
      join
        .onRef("o.company_id", "=", "c.company_id")
        .onRef("o.customer_number", "=", "c.customer_number")
        .onRef("o.inbox_number", "=", "c.inbox_number"),
    )
    .where((eb) =>
      companyFilter === "indexed"
        ? eb("c.company_id", "=", companyId)
        : // An expression no index serves, so the planner looks rows up
          // by the id condition and checks the company on each.
          eb(eb.fn.coalesce("c.company_id", eb.val("")), "=", companyId),
    );
}

/**
 * Inbound messages newer than the staff member's last read time, from the
 * counters that unread-counters.ts maintains.
 */
const UNREAD_COUNT = sql<number>`${sql.ref("c.inbound_count")} - coalesce(${sql.ref("r.read_inbound_count")}, 0)`;

/** The columns of ConversationSummaryRow, from the tables of selectSummaries. */
const summaryColumns = [
  "c.id",
  "c.customer_number",
  "c.inbox_number",
  "c.last_message_at",
  "c.last_message_preview",
  "c.last_message_failed",
  "c.customer_id",
  UNREAD_COUNT.as("unread_count"),
  "o.opted_out",
  "o.keyword as opt_out_keyword",
  "o.opted_out_at",
  "o.opted_in_at",
] as const;

const CUSTOMER_VALUES = [
  sql.ref("chosen.id"),
  sql.ref("chosen.name"),
  sql.ref("by_number.id"),
  sql.ref("by_number.name"),
];

/** A page row of listConversationSummaries as one JSON array (page-rows.ts). */
const PAGE_ROW_FROM_PAGE = pageRowJson([
  ...SUMMARY_COLUMNS.map((column) => sql.ref(`p.${column}`)),
  ...CUSTOMER_VALUES,
]);

/** The expression of each ConversationSummaryRow column over `c`, `r` and `o`. */
const SUMMARY_SOURCES: Record<
  keyof ConversationSummaryRow,
  RawBuilder<unknown>
> = {
  id: sql.ref("c.id"),
  customer_number: sql.ref("c.customer_number"),
  inbox_number: sql.ref("c.inbox_number"),
  last_message_at: sql.ref("c.last_message_at"),
  last_message_preview: sql.ref("c.last_message_preview"),
  last_message_failed: sql.ref("c.last_message_failed"),
  customer_id: sql.ref("c.customer_id"),
  unread_count: UNREAD_COUNT,
  opted_out: sql.ref("o.opted_out"),
  opt_out_keyword: sql.ref("o.keyword"),
  opted_out_at: sql.ref("o.opted_out_at"),
  opted_in_at: sql.ref("o.opted_in_at"),
};

/** A page row of listConversationSummariesIn as one JSON array. */
const PAGE_ROW_FROM_JOINS = pageRowJson([
  ...SUMMARY_COLUMNS.map((column) => SUMMARY_SOURCES[column]),
  ...CUSTOMER_VALUES,
]);

interface SummaryPageOptions {
  companyId: string;
  staffId: string;
  before: KeysetPosition | null;
  limit: number;
}

/**
 * Lists summaries newest activity first, after `before` when given, with
 * the customer columns joined (see JoinedCustomerColumns). The page is cut
 * before the customers are joined, so `limit` counts conversations.
 */
export async function listConversationSummaries(
  db: Db,
  options: SummaryPageOptions,
): Promise<PageRow[]> {
  const { companyId } = options;
  const rows = db
    .selectFrom(selectPage(db, options).as("p"))
    .leftJoin("customers as chosen", (join) =>
      join
        .onRef("chosen.id", "=", "p.customer_id")
        .on("chosen.company_id", "=", companyId),
    )
    .leftJoin("customers as by_number", (join) =>
      join
        .on("p.customer_id", "is", null)
        .on("by_number.company_id", "=", companyId)
        .onRef("by_number.phone_e164", "=", "p.customer_number"),
    )
    .orderBy("p.last_message_at", "desc")
    .orderBy("p.id", "desc");
  if (isPostgres(db)) {
    return rows.selectAll("p").select(customerColumns).execute();
  }

  const encoded = await rows.select(PAGE_ROW_FROM_PAGE.as("row")).execute();

  return encoded.map((row) => decodePageRow(row.row));
}

function selectPage(db: Db, options: SummaryPageOptions) {
  const { before } = options;
  const query = selectSummaries(db, options.companyId, options.staffId)
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id", "desc")
    // A literal, because SQLite prepares a statement again each time its
    // LIMIT parameter is bound (see search-matches.ts).
    .limit(sql.lit(options.limit));
  if (!before) return query;

  return query.where((eb) =>
    eb.or([
      eb("c.last_message_at", "<", before.at),
      eb.and([
        eb("c.last_message_at", "=", before.at),
        eb("c.id", "<", before.id),
      ]),
    ]),
  );
}

const customerColumns = [
  "chosen.id as chosen_customer_id",
  "chosen.name as chosen_customer_name",
  "by_number.id as number_customer_id",
  "by_number.name as number_customer_name",
] as const;

/**
 * Loads the summaries of the company's conversations that the condition
 * `matching` on `c` keeps, newest activity first, in one statement, with
 * the customer columns joined (see JoinedCustomerColumns). The condition
 * should look conversations up by key, as search-matches.ts does. With an
 * indexed company condition, SQLite would walk the company's activity
 * index instead.
 */
export async function listConversationSummariesIn(
  db: Db,
  options: {
    companyId: string;
    staffId: string;
    matching: Expression<SqlBool>;
  },
): Promise<PageRow[]> {
  const { companyId } = options;
  const rows = joinSummarySources(db, companyId, options.staffId, "per-row")
    .where(options.matching)
    .leftJoin("customers as chosen", (join) =>
      join
        .onRef("chosen.id", "=", "c.customer_id")
        .onRef("chosen.company_id", "=", "c.company_id"),
    )
    .leftJoin("customers as by_number", (join) =>
      join
        .on("c.customer_id", "is", null)
        .onRef("by_number.company_id", "=", "c.company_id")
        .onRef("by_number.phone_e164", "=", "c.customer_number"),
    )
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id", "desc");
  if (isPostgres(db)) {
    return rows.select(summaryColumns).select(customerColumns).execute();
  }

  const encoded = await rows.select(PAGE_ROW_FROM_JOINS.as("row")).execute();

  return encoded.map((row) => decodePageRow(row.row));
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

/**
 * Loads one conversation's summary for each of `staffIds` in one
 * statement. Each row equals what findConversationSummary returns for that
 * staff member. The map is empty when the company has no such conversation.
 */
export async function findConversationSummariesForStaff(
  db: Db,
  companyId: string,
  staffIds: readonly string[],
  conversationId: string,
): Promise<Map<string, ConversationSummaryRow>> {
  const summaries = new Map<string, ConversationSummaryRow>();
  if (staffIds.length === 0) return summaries;

  const rows = await selectSummaries(db, companyId, staffIds)
    .select(["c.inbound_count", "r.staff_id as reader_id"])
    .where("c.id", "=", conversationId)
    .execute();
  let unreadByAll: ConversationSummaryRow | null = null;
  for (const { inbound_count, reader_id, ...summary } of rows) {
    if (reader_id !== null) summaries.set(reader_id, summary);
    unreadByAll ??= { ...summary, unread_count: inbound_count };
  }
  if (!unreadByAll) return summaries;

  // A staff member without read state has read nothing of the conversation.
  for (const staffId of staffIds) {
    if (!summaries.has(staffId)) summaries.set(staffId, unreadByAll);
  }

  return summaries;
}

/** Counts the staff member's unread inbound messages across the company. */
export async function countUnreadMessages(
  db: Db,
  companyId: string,
  staffId: string,
): Promise<number> {
  const counts = await countUnreadMessagesForStaff(db, companyId, [staffId]);

  return counts.get(staffId) ?? 0;
}

/**
 * Counts each staff member's unread inbound messages across the company in
 * one statement for all of `staffIds`: the company's inbound total minus
 * each member's read total, both read by primary key (see
 * unread-counters.ts).
 */
export async function countUnreadMessagesForStaff(
  db: Db,
  companyId: string,
  staffIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (staffIds.length === 0) return counts;

  // The inbound total is one row, so the left join returns it once per
  // staff member with read counts, or once with no staff member.
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("company_inbound_counts")
        .select((inner) =>
          inner.fn.sum<number | string | null>("inbound_count").as("total"),
        )
        .where("company_id", "=", companyId)
        .as("inbound"),
    )
    .leftJoin("staff_read_counts as s", (join) =>
      join.on("s.company_id", "=", companyId).on("s.staff_id", "in", staffIds),
    )
    .select(["inbound.total", "s.staff_id", "s.read_inbound_count"])
    .execute();
  const inbound = Number(rows[0]?.total ?? 0);
  for (const staffId of staffIds) counts.set(staffId, inbound);
  for (const row of rows) {
    if (row.staff_id === null) continue;

    counts.set(row.staff_id, inbound - Number(row.read_inbound_count ?? 0));
  }

  return counts;
}
