import type { TwilioConnection } from "../../../common/api";

/**
 * Returns whether saving `accountSid` connects a different Twilio account than the
 * saved one. The server compares the trimmed SID exactly, so this does too.
 */
export function isAccountChange(
  connection: TwilioConnection,
  accountSid: string,
): boolean {
  if (!connection.connected || connection.accountSid === null) return false;

  return accountSid.trim() !== connection.accountSid;
}

/**
 * Names the current account's numbers whose texts stop arriving after an
 * account change. `extras` are the formatted extra SMS Inbox numbers, or
 * null while they are unknown.
 */
export function currentNumbersText(
  defaultText: string,
  extras: string[] | null,
): string {
  if (extras === null) return `${defaultText} and any extra SMS Inbox numbers`;

  const [first, ...rest] = extras;
  if (first === undefined) return defaultText;

  if (rest.length === 0) {
    return `${defaultText} and the extra SMS Inbox number ${first}`;
  }

  const last = extras[extras.length - 1];
  const others = extras.slice(0, -1).join(", ");

  return `${defaultText} and the extra SMS Inbox numbers ${others} and ${last}`;
}
