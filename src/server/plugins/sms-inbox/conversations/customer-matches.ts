import type { CustomerRef } from "../../../../common/api.js";
import type { Db } from "../../../db/database.js";
import type { ConversationSummaryRow } from "./conversation-queries.js";

/** The customers a conversation names, as ConversationSummary shows them. */
export interface ConversationCustomers {
  customer: CustomerRef | null;
  customerMatches: CustomerRef[];
}

/** A summary row with its customers resolved, ready to present. */
export type ConversationView = ConversationSummaryRow & {
  customers: ConversationCustomers;
};

/**
 * Customer columns that a page query joins to each summary: the customer
 * staff chose, when it still exists, or else one customer whose E.164
 * number is the conversation's number. A number that several customers
 * share gives the conversation one row per customer, and the rows of one
 * conversation are adjacent.
 */
export interface JoinedCustomerColumns {
  chosen_customer_id: string | null;
  chosen_customer_name: string | null;
  number_customer_id: string | null;
  number_customer_name: string | null;
}

type JoinedRow = ConversationSummaryRow & JoinedCustomerColumns;

type CustomerKeys = Pick<
  ConversationSummaryRow,
  "customer_number" | "customer_id"
>;

interface CustomerRow {
  id: string;
  name: string;
  phone_e164: string | null;
}

/** Bound parameters per IN list, far below SQLite's and PostgreSQL's limits. */
const IN_LIST_CHUNK = 500;

/**
 * Merges the rows of a page query that joined JoinedCustomerColumns into one
 * view per conversation, in the order of the rows. The customers follow
 * the same rules as attachCustomers.
 */
export function groupJoinedCustomers(
  rows: readonly JoinedRow[],
): ConversationView[] {
  const views: ConversationView[] = [];
  for (const row of rows) {
    const previous = views.at(-1);
    const match = numberCustomer(row);
    if (previous?.id !== row.id) {
      views.push(toView(row, match));
      continue;
    }

    if (match) addNumberMatch(previous.customers, match);
  }

  return views;
}

/**
 * Adds another customer with the conversation's number. With two or more,
 * staff choose among them, so none is the conversation's customer.
 */
function addNumberMatch(
  customers: ConversationCustomers,
  match: CustomerRef,
): void {
  const matches = customers.customerMatches;
  if (customers.customer) matches.push(customers.customer);
  matches.push(match);
  matches.sort(byName);
  customers.customer = null;
}

// Copies the summary's fields by name, because a rest pattern that drops
// the customer columns took 40 µs for a page of 50 rows, against 2 µs.
function toView(row: JoinedRow, match: CustomerRef | null): ConversationView {
  const chosen =
    row.chosen_customer_id === null || row.chosen_customer_name === null
      ? null
      : { id: row.chosen_customer_id, name: row.chosen_customer_name };

  return {
    id: row.id,
    customer_number: row.customer_number,
    inbox_number: row.inbox_number,
    last_message_at: row.last_message_at,
    last_message_preview: row.last_message_preview,
    last_message_failed: row.last_message_failed,
    customer_id: row.customer_id,
    unread_count: row.unread_count,
    opted_out: row.opted_out,
    opt_out_keyword: row.opt_out_keyword,
    opted_out_at: row.opted_out_at,
    opted_in_at: row.opted_in_at,
    customers: {
      customer: row.customer_id === null ? match : chosen,
      customerMatches: [],
    },
  };
}

function numberCustomer(row: JoinedRow): CustomerRef | null {
  const { number_customer_id: id, number_customer_name: name } = row;

  return id === null || name === null ? null : { id, name };
}

/**
 * Resolves the customers of a page of conversations with one query per 500
 * distinct numbers: the chosen customer when staff picked one, else every
 * customer of the company whose E.164 number is the conversation's number.
 */
export async function attachCustomers<Row extends CustomerKeys>(
  db: Db,
  companyId: string,
  rows: readonly Row[],
): Promise<(Row & { customers: ConversationCustomers })[]> {
  const candidates = await loadCandidates(db, companyId, rows);
  const byId = new Map<string, CustomerRef>();
  const byPhone = new Map<string, CustomerRef[]>();
  for (const candidate of candidates) {
    const ref = toRef(candidate);
    byId.set(candidate.id, ref);
    if (candidate.phone_e164 === null) continue;

    const matches = byPhone.get(candidate.phone_e164);
    if (matches) matches.push(ref);
    else byPhone.set(candidate.phone_e164, [ref]);
  }

  return rows.map((row) => ({
    ...row,
    customers:
      row.customer_id === null
        ? byNumber([...(byPhone.get(row.customer_number) ?? [])])
        : // The foreign key clears customer_id when the customer is
          // deleted, so a missing row can only be a delete that committed
          // after the page's read.
          { customer: byId.get(row.customer_id) ?? null, customerMatches: [] },
  }));
}

/** Resolves the customers of one conversation. */
export async function attachCustomersToOne<Row extends CustomerKeys>(
  db: Db,
  companyId: string,
  row: Row,
): Promise<Row & { customers: ConversationCustomers }> {
  const [resolved] = await attachCustomers(db, companyId, [row]);
  if (!resolved) throw new Error("attachCustomers returned no row");

  return resolved;
}

async function loadCandidates(
  db: Db,
  companyId: string,
  rows: readonly CustomerKeys[],
): Promise<CustomerRow[]> {
  const chosenIds = unique(rows.map((row) => row.customer_id));
  const numbers = unique(
    rows
      .filter((row) => row.customer_id === null)
      .map((row) => row.customer_number),
  );
  const loaded: CustomerRow[] = [];
  const chunks = Math.ceil(
    Math.max(chosenIds.length, numbers.length) / IN_LIST_CHUNK,
  );
  for (let index = 0; index < chunks; index += 1) {
    const start = index * IN_LIST_CHUNK;
    const ids = chosenIds.slice(start, start + IN_LIST_CHUNK);
    const phones = numbers.slice(start, start + IN_LIST_CHUNK);
    const found = await db
      .selectFrom("customers")
      .select(["id", "name", "phone_e164"])
      .where("company_id", "=", companyId)
      .where((eb) => {
        const conditions = [];
        if (ids.length > 0) conditions.push(eb("id", "in", ids));
        if (phones.length > 0) conditions.push(eb("phone_e164", "in", phones));

        return eb.or(conditions);
      })
      .execute();
    loaded.push(...found);
  }

  return loaded;
}

/**
 * Returns the one customer with a conversation's number as its customer,
 * or else all of them, ordered by name, for staff to choose from.
 */
function byNumber(matches: CustomerRef[]): ConversationCustomers {
  const [only] = matches;
  if (matches.length === 1 && only) {
    return { customer: only, customerMatches: [] };
  }

  return { customer: null, customerMatches: matches.sort(byName) };
}

function toRef(row: CustomerRow): CustomerRef {
  return { id: row.id, name: row.name };
}

// Orders as localeCompare(b, "en", { sensitivity: "base" }) does (ECMA-402).
// localeCompare with options builds a new collator on every call, which
// made sorting the customers the slowest step of loading a page.
const NAME_COLLATOR = new Intl.Collator("en", { sensitivity: "base" });

/** Orders by name as people read it, then by id so ties stay stable. */
function byName(a: CustomerRef, b: CustomerRef): number {
  const byText = NAME_COLLATOR.compare(a.name, b.name);
  if (byText !== 0) return byText;

  if (a.id === b.id) return 0;

  return a.id < b.id ? -1 : 1;
}

function unique(values: readonly (string | null)[]): string[] {
  return [
    ...new Set(values.filter((value): value is string => value !== null)),
  ];
}
