import type { FastifyBaseLogger } from "fastify";
import type { TwilioConnectionTest } from "../../../common/api.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { findTwilioConnection } from "../twilio-connection-store.js";
import {
  checkTwilioCredentials,
  type TwilioCredentialCheck,
} from "./credential-check.js";
import {
  recordCredentialCheck,
  type CredentialCheckOutcome,
} from "./credential-findings.js";

/** Twilio's error code for an Account SID and auth token it does not accept. */
const TWILIO_AUTHENTICATION_FAILED = 20003;

/** Settings-page wording for codes whose fix is in the Twilio Console. */
const consoleHints: ReadonlyMap<number, string> = new Map([
  [
    TWILIO_AUTHENTICATION_FAILED,
    "Twilio rejected the Account SID or auth token. Copy both again from the Twilio Console.",
  ],
]);

/**
 * Checks the stored connection against Twilio: the credentials must fetch
 * the account, and the default number must be an SMS-capable number on it.
 * Failures are returned as `ok: false` with a message instead of thrown.
 * Whether Twilio accepted the credentials is recorded as a credential
 * finding, unless Twilio could not be reached or returned another error.
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
  const outcome = credentialOutcome(check);
  if (outcome) await recordCredentialCheck(ctx, companyId, outcome, log);

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

/**
 * Returns what the check showed about the credentials, or null when Twilio
 * failed in another way, such as a timeout or an outage.
 */
function credentialOutcome(
  check: TwilioCredentialCheck,
): CredentialCheckOutcome | null {
  if (check.ok || check.problem === "number") return "accepted";
  if (check.failure.code === TWILIO_AUTHENTICATION_FAILED) return "rejected";

  return null;
}
