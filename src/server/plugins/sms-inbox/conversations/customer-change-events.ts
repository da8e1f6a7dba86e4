import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { CustomerChange } from "../../../host/customers/customer-changes.js";
import { appendInboxEvents } from "../events/event-log.js";

/** Bound parameters per IN list, far below SQLite's and PostgreSQL's limits. */
const IN_LIST_CHUNK = 500;

/**
 * Appends a "conversation.updated" event for each conversation whose shown
 * customer the change can alter: those on one of the change's numbers and
 * those linked to the customer. Open inboxes then show the new name without
 * waiting for their next poll. Runs in the change's transaction, so the
 * events commit with it. On PostgreSQL it locks those conversations before
 * it takes the company's event log lock, as other writers of conversations
 * do. A customer's deletion, whose foreign key then updates the
 * conversations, therefore does not wait for a conversation while it holds
 * that lock, which an incoming text may be waiting for.
 */
export async function appendCustomerChangeEvents(
  db: Db,
  change: CustomerChange,
): Promise<void> {
  const conversationIds = await findAffectedConversations(db, change);
  await appendInboxEvents(
    db,
    change.companyId,
    [...conversationIds].map((conversationId) => ({
      type: "conversation.updated",
      conversationId,
      messageId: null,
    })),
  );
}

/**
 * Returns the ids of the company's conversations on the change's numbers or
 * linked to its customer, with one query per 500 numbers.
 */
async function findAffectedConversations(
  db: Db,
  change: CustomerChange,
): Promise<Set<string>> {
  const numbers = [
    ...new Set(change.numbers.filter((number) => number !== null)),
  ];
  const ids = new Set<string>();
  const { customerId } = change;
  if (customerId === null && numbers.length === 0) return ids;

  // The first query also finds the linked conversations, so a change
  // without numbers still runs one.
  const chunkCount = Math.max(1, Math.ceil(numbers.length / IN_LIST_CHUNK));
  for (let chunk = 0; chunk < chunkCount; chunk += 1) {
    const start = chunk * IN_LIST_CHUNK;
    const chunkNumbers = numbers.slice(start, start + IN_LIST_CHUNK);
    const linkedTo = chunk === 0 ? customerId : null;
    const query = db
      .selectFrom("conversations")
      .select("id")
      .where("company_id", "=", change.companyId)
      .where((eb) =>
        eb.or([
          ...(linkedTo !== null ? [eb("customer_id", "=", linkedTo)] : []),
          ...(chunkNumbers.length > 0
            ? [eb("customer_number", "in", chunkNumbers)]
            : []),
        ]),
      );
    // Rows are locked in customer number order, the order in which
    // store_inbound_texts locks a group's conversations.
    const rows = isPostgres(db)
      ? await query
          .orderBy(sql`customer_number COLLATE "C"`)
          .forNoKeyUpdate()
          .execute()
      : await query.execute();
    for (const row of rows) ids.add(row.id);
  }

  return ids;
}
