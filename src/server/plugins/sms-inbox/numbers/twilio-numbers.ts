import type { TwilioClient } from "../../../twilio/client.js";

/** A number on the connected Twilio account (an IncomingPhoneNumber). */
export interface AccountNumber {
  /** PN… SID. */
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  smsCapable: boolean;
}

interface IncomingPhoneNumberRecord {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  capabilities?: { sms?: boolean } | null;
}

/** Lists every number on the account. The SDK follows Twilio's pages. */
export async function listAccountNumbers(
  client: TwilioClient,
): Promise<AccountNumber[]> {
  const records = await client.incomingPhoneNumbers.list();

  return records.map(toAccountNumber);
}

/** Returns the account's record for one E.164 number, or null. */
export async function findAccountNumber(
  client: TwilioClient,
  phoneNumber: string,
): Promise<AccountNumber | null> {
  // Twilio's PhoneNumber filter also matches partial numbers, so the exact
  // number is picked from what it returns.
  const records = await client.incomingPhoneNumbers.list({
    phoneNumber,
    limit: 50,
  });
  const record = records.find((item) => item.phoneNumber === phoneNumber);

  return record ? toAccountNumber(record) : null;
}

function toAccountNumber(record: IncomingPhoneNumberRecord): AccountNumber {
  return {
    sid: record.sid,
    phoneNumber: record.phoneNumber,
    friendlyName: record.friendlyName,
    smsCapable: record.capabilities?.sms === true,
  };
}
