import type { AvailableNumbers, InboxNumber } from "../../../../common/api.js";
import type { AccountNumber } from "./twilio-numbers.js";

export function presentInboxNumber(number: InboxNumber): InboxNumber {
  return {
    id: number.id,
    phoneNumber: number.phoneNumber,
    name: number.name,
    isDefault: number.isDefault,
  };
}

export function presentAvailableNumbers(
  numbers: AccountNumber[],
  smsCapableCount: number,
): AvailableNumbers {
  return {
    ok: true,
    numbers: numbers.map((number) => ({
      sid: number.sid,
      phoneNumber: number.phoneNumber,
      friendlyName: number.friendlyName,
    })),
    smsCapableCount,
  };
}

/** Presents a failed listing, so the setup page lets staff type the number. */
export function presentUnavailableNumbers(message: string): AvailableNumbers {
  return { ok: false, numbers: [], message };
}
