import type { FastifyBaseLogger } from "fastify";
import type { TwilioConnectionTest } from "../../../common/api.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { createTwilioClient, type TwilioClient } from "../../twilio/client.js";
import { explainTwilioError } from "../../twilio/twilio-errors.js";
import {
  findTwilioConnection,
  type StoredTwilioConnection,
} from "../twilio-connection-store.js";

/** Settings-page wording for codes whose fix is in the Twilio Console. */
const consoleHints: ReadonlyMap<number, string> = new Map([
  [
    20003,
    "Twilio rejected the Account SID or auth token. Copy both again from the Twilio Console.",
  ],
]);

/**
 * Checks the stored connection against Twilio: the credentials must fetch
 * the account, and the default number must be an SMS-capable number on it.
 * Failures are returned as `ok: false` with a message instead of thrown.
 * Each is logged on `log` with the company id, Twilio code and status only,
 * because the twilio package's errors carry the request's credentials.
 */
export async function testTwilioConnection(
  ctx: AppContext,
  companyId: string,
  log: FastifyBaseLogger = ctx.logger,
): Promise<TwilioConnectionTest> {
  const connection = await findTwilioConnection(ctx, companyId);
  if (!connection) {
    return {
      ok: false,
      message: errors.twilioNotConnected().message,
      twilioCode: null,
    };
  }

  const client = createTwilioClient(connection, {
    apiBaseUrl: ctx.config.twilioApiBaseUrl,
    timeoutMs: ctx.config.twilioTimeoutMs,
  });
  try {
    return await checkAccountAndNumber(client, connection);
  } catch (error) {
    const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
    log.warn(
      { companyId, twilioCode: explained.code, status: explained.status },
      "twilio connection test failed",
    );
    const hint =
      explained.code === null ? undefined : consoleHints.get(explained.code);

    return {
      ok: false,
      message: hint ?? explained.message,
      twilioCode: explained.code,
    };
  }
}

async function checkAccountAndNumber(
  client: TwilioClient,
  connection: StoredTwilioConnection,
): Promise<TwilioConnectionTest> {
  const account = await client.api.v2010
    .accounts(connection.accountSid)
    .fetch();
  const numbers = await client.incomingPhoneNumbers.list({
    phoneNumber: connection.defaultNumber,
    limit: 20,
  });

  const number = numbers.find(
    (candidate) => candidate.phoneNumber === connection.defaultNumber,
  );
  if (!number) {
    return {
      ok: false,
      message: `${connection.defaultNumber} is not a number on this Twilio account. Enter one of the account's numbers as the default number.`,
      twilioCode: null,
    };
  }

  if (!number.capabilities.sms) {
    return {
      ok: false,
      message: `${connection.defaultNumber} cannot send or receive SMS. Choose an SMS-capable number from the Twilio account.`,
      twilioCode: null,
    };
  }

  return { ok: true, accountName: account.friendlyName };
}
