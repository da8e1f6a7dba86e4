import type { Db } from "../../db/database.js";

/**
 * A customer that was created, edited or is about to be deleted, or the
 * customers an import created.
 */
export interface CustomerChange {
  companyId: string;
  /**
   * The changed customer. Null for an import, whose new customers no
   * conversation links to yet, so only their numbers matter.
   */
  customerId: string | null;
  /**
   * E.164 numbers whose customer match changed: the old and the new one,
   * null for a customer without a number. An import lists each new
   * customer's number.
   */
  numbers: (string | null)[];
}

/**
 * Receives a customer change inside the writer's transaction, so what the
 * listener writes commits or rolls back with the change.
 */
export type CustomerChangeListener = (
  db: Db,
  change: CustomerChange,
) => Promise<void>;

const listeners = new Set<CustomerChangeListener>();

/**
 * Registers a listener for customer changes, so a plugin can tell open
 * views that a conversation's customer name changed. Returns a function
 * that removes the listener.
 */
export function onCustomerChanged(
  listener: CustomerChangeListener,
): () => void {
  listeners.add(listener);

  return () => listeners.delete(listener);
}

/** Runs every listener for the change, one after another, on `db`. */
export async function announceCustomerChanged(
  db: Db,
  change: CustomerChange,
): Promise<void> {
  for (const listener of listeners) await listener(db, change);
}
