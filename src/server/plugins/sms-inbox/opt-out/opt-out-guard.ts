import { errors } from "../../../errors.js";
import { findOptOut, type Executor, type OptOutKey } from "./opt-out-store.js";

/**
 * Throws 409 when the customer opted out of texts from the inbox number.
 * Call it before storing a text or calling Twilio, which would reject the
 * send with error 21610 anyway.
 */
export async function assertNotOptedOut(
  db: Executor,
  key: OptOutKey,
): Promise<void> {
  const optOut = await findOptOut(db, key);
  if (!optOut) return;

  throw errors.optedOut(key.inboxNumber, optOut.keyword);
}
