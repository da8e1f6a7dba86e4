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
