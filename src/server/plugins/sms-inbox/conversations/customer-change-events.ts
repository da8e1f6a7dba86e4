import type { Db } from "../../../db/database.js";
import type { CustomerChange } from "../../../host/customers/customer-changes.js";
import { appendInboxEvent } from "../events/event-log.js";

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
  const numbers = [
    ...new Set(change.numbers.filter((number) => number !== null)),
  ];
  const conversations = await db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", change.companyId)
    .where((eb) =>
      eb.or([
        eb("customer_id", "=", change.customerId),
        ...(numbers.length > 0 ? [eb("customer_number", "in", numbers)] : []),
      ]),
    )
    .execute();

  for (const conversation of conversations) {
    await appendInboxEvent(db, {
      companyId: change.companyId,
      type: "conversation.updated",
      conversationId: conversation.id,
      messageId: null,
    });
  }
}
