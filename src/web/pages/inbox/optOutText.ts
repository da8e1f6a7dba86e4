import type { ConversationSummary, OptOutState } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { formatCalendarDate } from "../../format/time";

/** Labels an opt-out for the thread header: "Opted out (texted STOP on Mar 3, 2026)". */
export function optOutLabel(optOut: OptOutState): string {
  if (optOut.at === null) return "Opted out";

  const date = formatCalendarDate(optOut.at);
  if (optOut.keyword === null) {
    return `Opted out (Twilio reported error 21610 on ${date})`;
  }

  return `Opted out (texted ${optOut.keyword} on ${date})`;
}

/** Explains why the composer is off for an opted-out customer. */
export function optOutExplanation(conversation: ConversationSummary): string {
  const inboxNumber = formatPhoneNumber(conversation.inboxNumber);
  const { keyword } = conversation.optOut;
  const cause =
    keyword === null
      ? `Twilio reported that this customer opted out of texts from ${inboxNumber} (error 21610).`
      : `This customer texted ${keyword} to ${inboxNumber}.`;

  return `${cause} Twilio blocks texts to them until they text START.`;
}
