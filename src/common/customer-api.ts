/**
 * Wire types of the customer routes. `Customer` itself is in api.ts.
 *
 *   GET    /api/customers?q=&cursor=&limit=   -> CustomerPage (any signed-in staff)
 *   POST   /api/customers                     CustomerInput -> Customer (201)
 *   PUT    /api/customers/:id                 CustomerInput -> Customer
 *          Both return 409 "phone_on_file", listing the customers in
 *          `error.customers`, when another customer of the company has the
 *          number, unless `confirmSharedPhone` is true.
 *   DELETE /api/customers/:id                 -> 204
 *   POST   /api/customers/import/preview      CSV body (text/csv) -> CustomerImportPreview
 *   POST   /api/customers/import              CSV body (text/csv) -> CustomerImportResult
 *
 * Creating, changing, deleting and importing need "Manage company".
 *
 *   SMS Inbox plugin (prefix /api/plugins/sms-chat)
 *   PUT    /conversations/:id/customer        ConversationCustomerUpdate -> Conversation
 */
import type { Customer } from "./api.js";

export interface CustomerPage {
  /** Ordered by name, then id. */
  customers: Customer[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CustomerInput {
  name: string;
  /**
   * A phone number in any common format. National formats are read in the
   * company's country, and the number is stored in E.164 as well.
   */
  phone: string;
  /**
   * Saves the number although another customer of the company already has
   * it, such as a family's or a business's shared number. Without it, such
   * a request is rejected with 409 "phone_on_file". An edit that keeps the
   * customer's number needs no confirmation.
   */
  confirmSharedPhone?: boolean;
}

/** Reason code of a rejected import row. */
export type CustomerImportRejection =
  | "missing_name"
  | "invalid_name"
  | "missing_phone"
  | "invalid_phone"
  | "name_too_long"
  | "duplicate_in_file"
  | "already_on_file"
  /** A customer with another name already has the number. */
  | "phone_on_file";

export interface CustomerImportRow {
  /** Line of the row in the file, counting the header as line 1. */
  line: number;
  name: string;
  /** The number as the file has it. */
  phone: string;
  /** Null when the row is rejected for its number. */
  phoneE164: string | null;
  rejection: CustomerImportRejection | null;
  /** The problem with the row and how to fix it; null for a valid row. */
  message: string | null;
  /**
   * The change the import made to a valid row, such as a dropped
   * extension. Null when the row is imported as written or is rejected.
   */
  note: string | null;
}

export interface CustomerImportCounts {
  /** Data rows in the file, blank lines left out. */
  total: number;
  valid: number;
  rejected: number;
  /**
   * Rejected rows whose number a customer with another name already has.
   * They are skipped, because sharing a number needs a confirmation that a
   * file cannot give, and are counted in `rejected` too.
   */
  phoneOnFile: number;
}

/** Result of an import preview, which writes nothing. */
export interface CustomerImportPreview {
  /** The header cells read as the name and phone columns. */
  columns: { name: string; phone: string };
  counts: CustomerImportCounts;
  rows: CustomerImportRow[];
}

/** Result of an import, which adds the valid rows in one transaction. */
export interface CustomerImportResult {
  columns: { name: string; phone: string };
  counts: CustomerImportCounts;
  /** Equal to `counts.valid`. */
  created: number;
  /** Only the rejected rows, with the reason each was left out. */
  rejected: CustomerImportRow[];
  /** Imported rows that carry a note, such as a dropped extension. */
  noted: CustomerImportRow[];
}

export interface ConversationCustomerUpdate {
  /** A customer of the company, or null to clear the choice. */
  customerId: string | null;
}
