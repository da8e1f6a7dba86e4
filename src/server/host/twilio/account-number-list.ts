import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import { createTwilioClient } from "../../twilio/client.js";
import { explainTwilioError } from "../../twilio/twilio-errors.js";
import type { TwilioCredentials } from "./credential-check.js";
import type { ConnectedAccountNumber } from "./twilio-connection-changes.js";

/**
 * The largest PageSize Twilio accepts for IncomingPhoneNumbers (1 to 1000,
 * per the twilio-node list options), so few pages are read.
 */
const PAGE_SIZE = 1000;

/**
 * Lists every number on the account of `credentials`, keyed by E.164
 * number. Returns null when Twilio fails or cannot be reached, after
 * logging the Twilio code and status (never the credentials).
 */
export async function listConnectedAccountNumbers(
  config: Pick<Config, "twilioApiBaseUrl" | "twilioTimeoutMs">,
  credentials: TwilioCredentials,
  log: FastifyBaseLogger,
): Promise<Map<string, ConnectedAccountNumber> | null> {
  const client = createTwilioClient(credentials, {
    apiBaseUrl: config.twilioApiBaseUrl,
    timeoutMs: config.twilioTimeoutMs,
  });
  try {
    const records = await client.incomingPhoneNumbers.list({
      pageSize: PAGE_SIZE,
    });

    return new Map(
      records.map((record) => [
        record.phoneNumber,
        {
          sid: record.sid,
          phoneNumber: record.phoneNumber,
          smsCapable: record.capabilities?.sms === true,
        },
      ]),
    );
  } catch (error) {
    const explained = explainTwilioError(error, config.twilioApiBaseUrl);
    log.warn(
      { twilioCode: explained.code, status: explained.status },
      "listing the numbers of the new Twilio account failed",
    );

    return null;
  }
}
