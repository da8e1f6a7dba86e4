import type { Config } from "../../config.js";
import { createTwilioClient } from "../../twilio/client.js";
import {
  explainTwilioError,
  type TwilioErrorExplanation,
} from "../../twilio/twilio-errors.js";

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** E.164. */
  defaultNumber: string;
}

/**
 * The outcome of checking credentials with Twilio. A `number` problem means
 * Twilio accepted the credentials but the default number cannot be used. A
 * `twilio` problem is an error response from Twilio or no response at all.
 */
export type TwilioCredentialCheck =
  | { ok: true; accountName: string; defaultNumberFriendlyName: string }
  | { ok: false; problem: "number"; message: string }
  | { ok: false; problem: "twilio"; failure: TwilioErrorExplanation };

/**
 * Checks credentials against Twilio: they must fetch the account, and the
 * default number must be an SMS-capable number on it. Never throws for a
 * Twilio failure. The failure carries no credentials, unlike the twilio
 * package's errors.
 */
export async function checkTwilioCredentials(
  config: Pick<Config, "twilioApiBaseUrl" | "twilioTimeoutMs">,
  credentials: TwilioCredentials,
): Promise<TwilioCredentialCheck> {
  const client = createTwilioClient(credentials, {
    apiBaseUrl: config.twilioApiBaseUrl,
    timeoutMs: config.twilioTimeoutMs,
  });
  try {
    const account = await client.api.v2010
      .accounts(credentials.accountSid)
      .fetch();
    const numbers = await client.incomingPhoneNumbers.list({
      phoneNumber: credentials.defaultNumber,
      limit: 20,
    });
    const number = numbers.find(
      (candidate) => candidate.phoneNumber === credentials.defaultNumber,
    );
    const problem = numberProblem(credentials.defaultNumber, number);
    if (problem) return { ok: false, problem: "number", message: problem };

    return {
      ok: true,
      accountName: account.friendlyName,
      defaultNumberFriendlyName: number?.friendlyName ?? "",
    };
  } catch (error) {
    const failure = explainTwilioError(error, config.twilioApiBaseUrl);

    return { ok: false, problem: "twilio", failure };
  }
}

function numberProblem(
  phoneNumber: string,
  number: { capabilities: { sms: boolean } } | undefined,
): string | null {
  if (!number) {
    return `${phoneNumber} is not a number on this Twilio account. Enter one of the account's numbers as the default number.`;
  }

  if (!number.capabilities.sms) {
    return `${phoneNumber} cannot send or receive SMS. Choose an SMS-capable number from the Twilio account.`;
  }

  return null;
}
