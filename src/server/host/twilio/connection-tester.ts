import type { FastifyBaseLogger } from "fastify";
import type { TwilioConnectionTest } from "../../../common/api.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { findTwilioConnection } from "../twilio-connection-store.js";
import { checkTwilioCredentials } from "./credential-check.js";

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
 * A Twilio failure is logged on `log` with the company id, Twilio code and
 * status only, because the twilio package's errors carry the credentials.
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

  const check = await checkTwilioCredentials(ctx.config, connection);
  if (check.ok) return { ok: true, accountName: check.accountName };

  if (check.problem === "number") {
    return { ok: false, message: check.message, twilioCode: null };
  }

  const { failure } = check;
  log.warn(
    { companyId, twilioCode: failure.code, status: failure.status },
    "twilio connection test failed",
  );
  const hint =
    failure.code === null ? undefined : consoleHints.get(failure.code);

  return {
    ok: false,
    message: hint ?? failure.message,
    twilioCode: failure.code,
  };
}
