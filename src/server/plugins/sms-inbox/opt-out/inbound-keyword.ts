import { matchOptOutKeyword, type KeywordAction } from "./opt-out-keywords.js";
import {
  recordHelpRequest,
  recordOptIn,
  recordOptOut,
  type Executor,
  type OptOutKey,
} from "./opt-out-store.js";

/**
 * Updates the customer's opt-out state when an incoming text is a STOP,
 * START or HELP keyword. Returns the action taken, or null for an ordinary
 * text. Call it in the transaction that stores the text.
 */
export async function applyInboundKeyword(
  db: Executor,
  key: OptOutKey,
  text: { body: string; optOutType: string | null },
  at: string,
): Promise<KeywordAction | null> {
  const match = matchOptOutKeyword(text.body, text.optOutType);
  if (!match) return null;

  if (match.action === "opt_out") {
    await recordOptOut(db, key, match.keyword, at);
  } else if (match.action === "opt_in") {
    await recordOptIn(db, key, match.keyword, at);
  } else {
    await recordHelpRequest(db, key, at);
  }

  return match.action;
}
