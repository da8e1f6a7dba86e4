import type { Db } from "../../../db/database.js";
import type { CustomerChange } from "../../../host/customers/customer-changes.js";
import { appendInboxEvents } from "../events/event-log.js";

/** Bound parameters per IN list, far below SQLite's and PostgreSQL's limits. */
const IN_LIST_CHUNK = 500;

/**
 * Appends a "conversation.updated" event for each conversation whose shown
 * customer the change can alter: those on one of the change's numbers and
 * those linked to the customer. Open inboxes then show the new name without
 * waiting for their next poll. Runs in the change's transaction, so the
 * events commit with it.
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
    const rows = await db
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
      )
      .execute();
    for (const row of rows) ids.add(row.id);
  }

  return ids;
}
