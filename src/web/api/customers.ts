import type { Conversation, Customer } from "../../common/api";
import type {
  CustomerImportPreview,
  CustomerImportResult,
  CustomerInput,
  CustomerPage,
} from "../../common/customer-api";
import { query, request, requestFile } from "./client";
import { SMS_INBOX_PLUGIN_ID } from "./smsInbox";

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const customerApi = {
  /** Searches by part of a name or a number in any format. */
  search: (options: { q?: string; cursor?: string | null; limit?: number }) =>
    request<CustomerPage>(
      "GET",
      `/api/customers${query({
        q: options.q?.trim() || null,
        cursor: options.cursor,
        limit: options.limit === undefined ? null : String(options.limit),
      })}`,
    ),
  create: (body: CustomerInput) =>
    request<Customer>("POST", "/api/customers", body),
  update: (id: string, body: CustomerInput) =>
    request<Customer>("PUT", customerPath(id), body),
  remove: (id: string) => request<void>("DELETE", customerPath(id)),
  /** Checks a CSV file; nothing is written. */
  previewImport: (file: Blob) =>
    requestFile<CustomerImportPreview>(
      "POST",
      "/api/customers/import/preview",
      file,
      "text/csv",
    ),
  /** Adds the file's valid rows; the server checks every row again. */
  commitImport: (file: Blob) =>
    requestFile<CustomerImportResult>(
      "POST",
      "/api/customers/import",
      file,
      "text/csv",
    ),
  /** Sets the customer of a conversation, or clears it with null. */
  chooseForConversation: (conversationId: string, customerId: string | null) =>
    request<Conversation>(
      "PUT",
      `/api/plugins/${SMS_INBOX_PLUGIN_ID}/conversations/${encodeURIComponent(conversationId)}/customer`,
      { customerId },
    ),
};
