import type { Db } from "../../../db/database.js";
import type { TwilioConnectionChange } from "../../../host/twilio/twilio-connection-changes.js";
import { moveAddedNumbers } from "./account-change-mover.js";
import { dropNewDefaultFromExtras } from "./new-default-promoter.js";
import { keepPreviousDefault } from "./previous-default-keeper.js";

/**
 * Updates the inbox numbers after the Account SID or default number
 * changed. The new default number first leaves the added numbers, then
 * added numbers follow the account, then the previous default number stays
 * as an added number. Runs in the transaction that saves the connection.
 * Returns the sentences for the staff member who saved the connection.
 */
export async function updateNumbersForConnection(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string[]> {
  await dropNewDefaultFromExtras(db, change);
  const notices = await moveAddedNumbers(db, change);
  const kept = await keepPreviousDefault(db, change);

  return kept === null ? notices : [...notices, kept];
}
