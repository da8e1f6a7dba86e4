import { sql, type RawBuilder } from "kysely";
import type { ConversationSummaryRow } from "./conversation-queries.js";
import type { JoinedCustomerColumns } from "./customer-matches.js";

/*
 * On SQLite a page query selects each row as one `json_array` text, which
 * decodePageRow reads back. better-sqlite3 12 builds a row object by
 * setting each column by name. For the inbox page's 51 rows of 15
 * columns, the statement alone took 0.26 to 0.44 ms with row objects and
 * 0.13 to 0.15 ms as JSON arrays, parsing included (better-sqlite3 12.11
 * on 2 busy cores). The values stay the same, because every column is
 * text, an integer or null, and JSON keeps each of them unchanged.
 */

/** A summary row of a page query with its customer columns joined. */
export type PageRow = ConversationSummaryRow & JoinedCustomerColumns;

/** The columns of ConversationSummaryRow, in the order of the JSON array. */
export const SUMMARY_COLUMNS = [
  "id",
  "customer_number",
  "inbox_number",
  "last_message_at",
  "last_message_preview",
  "last_message_failed",
  "customer_id",
  "unread_count",
  "opted_out",
  "opt_out_keyword",
  "opted_out_at",
  "opted_in_at",
] as const satisfies readonly (keyof ConversationSummaryRow)[];

/** The columns of a PageRow, in the order of the JSON array. */
export const PAGE_ROW_COLUMNS = [
  ...SUMMARY_COLUMNS,
  "chosen_customer_id",
  "chosen_customer_name",
  "number_customer_id",
  "number_customer_name",
] as const satisfies readonly (keyof PageRow)[];

// The compiler rejects the list when it misses a column of PageRow.
type MissingColumn = Exclude<keyof PageRow, (typeof PAGE_ROW_COLUMNS)[number]>;
const allColumnsListed: [MissingColumn] extends [never] ? true : never = true;
void allColumnsListed;

/** The values of a PageRow in the order of PAGE_ROW_COLUMNS. */
type PageRowValues = {
  [
    Index in keyof typeof PAGE_ROW_COLUMNS
  ]: PageRow[(typeof PAGE_ROW_COLUMNS)[Index] & keyof PageRow];
};

/**
 * Builds the SQLite expression that selects a page row as one JSON array.
 * `values` are the row's columns in the order of PAGE_ROW_COLUMNS.
 */
export function pageRowJson(
  values: readonly RawBuilder<unknown>[],
): RawBuilder<string> {
  if (values.length !== PAGE_ROW_COLUMNS.length) {
    throw new Error(
      `pageRowJson: ${values.length} values given; a page row has ${PAGE_ROW_COLUMNS.length} columns.`,
    );
  }

  return sql<string>`json_array(${sql.join(values)})`;
}

/**
 * Reads a JSON array of PAGE_ROW_COLUMNS back into a row. The fields are
 * named one by one, so every row gets the same object shape.
 */
export function decodePageRow(text: string): PageRow {
  const values = JSON.parse(text) as PageRowValues;

  return {
    id: values[0],
    customer_number: values[1],
    inbox_number: values[2],
    last_message_at: values[3],
    last_message_preview: values[4],
    last_message_failed: values[5],
    customer_id: values[6],
    unread_count: values[7],
    opted_out: values[8],
    opt_out_keyword: values[9],
    opted_out_at: values[10],
    opted_in_at: values[11],
    chosen_customer_id: values[12],
    chosen_customer_name: values[13],
    number_customer_id: values[14],
    number_customer_name: values[15],
  };
}
