import type { Db } from "../../../db/database.js";
import type { TwilioConnectionChange } from "../../../host/twilio/twilio-connection-changes.js";
import { moveAddedNumbers } from "./account-change-mover.js";
import { keepPreviousDefault } from "./previous-default-keeper.js";

/**
 * Updates the inbox numbers after the Account SID or default number
 * changed: added numbers follow the account first, then the previous
 * default number stays as an added number. Returns the sentences for the
 * staff member who saved the connection.
 */
export async function updateNumbersForConnection(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string[]> {
  const notices = await moveAddedNumbers(db, change);
  const kept = await keepPreviousDefault(db, change);

  return kept === null ? notices : [...notices, kept];
}
