import type { TwilioClient } from "../../../twilio/client.js";
import { readTwilioFailure } from "../../../twilio/twilio-error-messages.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";

/** The webhook settings of a number as Twilio stores them. */
export interface TwilioNumberSettings {
  /** PN… SID. */
  sid: string;
  /** "" when unset. */
  smsUrl: string;
  smsMethod: string;
  smsCapable: boolean;
}

/**
 * The outcome of looking a number up on the connected account. "failed"
 * means Twilio returned an error other than not found, and "unreachable"
 * that no response came.
 */
export type NumberLookup =
  | ({ result: "found" } & TwilioNumberSettings)
  | { result: "not_found" }
  | { result: "failed"; code: number | null; message: string }
  | { result: "unreachable"; message: string };

interface IncomingPhoneNumberRecord {
  sid: string;
  phoneNumber: string;
  smsUrl: string | null;
  smsMethod: string | null;
  capabilities?: { sms?: boolean } | null;
}

/** The number to look up: its E.164 form and, when stored, its SID. */
export interface NumberToLookUp {
  phoneNumber: string;
  twilioSid: string | null;
}

/**
 * Reads a number's webhook settings with one Twilio request: a fetch by SID
 * when the SID is stored, otherwise a list filtered by PhoneNumber. A SID
 * that Twilio returns 404 for costs a second request, a list, in case the
 * number was released and bought again under a new SID.
 */
export async function lookUpNumber(
  client: TwilioClient,
  apiBaseUrl: string,
  number: NumberToLookUp,
): Promise<NumberLookup> {
  try {
    const record =
      (number.twilioSid === null
        ? null
        : await fetchBySid(client, number.twilioSid)) ??
      (await findByPhoneNumber(client, number.phoneNumber));
    if (!record) return { result: "not_found" };

    return { result: "found", ...toSettings(record) };
  } catch (error) {
    return failedLookup(error, apiBaseUrl);
  }
}

/** Points the number's incoming-message webhook at `smsUrl` with POST. */
export async function updateSmsUrl(
  client: TwilioClient,
  sid: string,
  smsUrl: string,
): Promise<TwilioNumberSettings> {
  const record = await client
    .incomingPhoneNumbers(sid)
    .update({ smsUrl, smsMethod: "POST" });

  return toSettings(record);
}

async function fetchBySid(
  client: TwilioClient,
  sid: string,
): Promise<IncomingPhoneNumberRecord | null> {
  try {
    return await client.incomingPhoneNumbers(sid).fetch();
  } catch (error) {
    if (readTwilioFailure(error)?.status === 404) return null;

    throw error;
  }
}

async function findByPhoneNumber(
  client: TwilioClient,
  phoneNumber: string,
): Promise<IncomingPhoneNumberRecord | null> {
  // Twilio's PhoneNumber filter also matches partial numbers, so the exact
  // number is picked from what it returns.
  const records = await client.incomingPhoneNumbers.list({
    phoneNumber,
    limit: 20,
  });

  return records.find((record) => record.phoneNumber === phoneNumber) ?? null;
}

function toSettings(record: IncomingPhoneNumberRecord): TwilioNumberSettings {
  return {
    sid: record.sid,
    smsUrl: record.smsUrl ?? "",
    smsMethod: (record.smsMethod ?? "POST").toUpperCase(),
    smsCapable: record.capabilities?.sms === true,
  };
}

function failedLookup(error: unknown, apiBaseUrl: string): NumberLookup {
  const explained = explainTwilioError(error, apiBaseUrl);
  if (explained.noResponseReason !== undefined) {
    return { result: "unreachable", message: explained.message };
  }

  // A 404 on the account itself, such as a closed account, reaches here.
  if (readTwilioFailure(error)?.status === 404) return { result: "not_found" };

  return {
    result: "failed",
    code: explained.code,
    message: explained.message,
  };
}
