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
 * Resolves the customers of a page of conversations with one query per 500
 * distinct numbers: the chosen customer when staff picked one, else every
 * customer of the company whose E.164 number is the conversation's number.
 */
export async function attachCustomers<Row extends CustomerKeys>(
  db: Db,
  companyId: string,
  rows: readonly Row[],
): Promise<(Row & { customers: ConversationCustomers })[]> {
  const customers = await loadCandidates(db, companyId, rows);

  return rows.map((row) => ({
    ...row,
    customers: resolveCustomers(row, customers),
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

  return loaded.sort(byName);
}

function resolveCustomers(
  row: CustomerKeys,
  candidates: readonly CustomerRow[],
): ConversationCustomers {
  if (row.customer_id !== null) {
    const chosen = candidates.find(
      (customer) => customer.id === row.customer_id,
    );
    // The foreign key clears customer_id when the customer is deleted, so a
    // missing row can only be a delete that committed after the page's read.
    return { customer: chosen ? toRef(chosen) : null, customerMatches: [] };
  }

  const matches = candidates.filter(
    (customer) => customer.phone_e164 === row.customer_number,
  );
  const [only] = matches;
  if (matches.length === 1 && only) {
    return { customer: toRef(only), customerMatches: [] };
  }

  return { customer: null, customerMatches: matches.map(toRef) };
}

function toRef(row: CustomerRow): CustomerRef {
  return { id: row.id, name: row.name };
}

// Orders as localeCompare(b, "en", { sensitivity: "base" }) does (ECMA-402).
// localeCompare with options builds a new collator on every call, which
// made sorting the customers the slowest step of loading a page.
const NAME_COLLATOR = new Intl.Collator("en", { sensitivity: "base" });

/** Orders by name as people read it, then by id so ties stay stable. */
function byName(a: CustomerRow, b: CustomerRow): number {
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
