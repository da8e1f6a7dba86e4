import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { recordCredentialCheck } from "../../../host/twilio/credential-findings.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { findConnectedTwilio } from "../twilio/connected-twilio.js";
import { TWILIO_AUTHENTICATION_FAILED } from "../webhook-health/twilio-error-codes.js";
import { listCompanyNumbers } from "./number-store.js";
import { listAccountNumbers, type AccountNumber } from "./twilio-numbers.js";

export type AvailableNumbersResult =
  | { ok: true; numbers: AccountNumber[]; smsCapableCount: number }
  | { ok: false; message: string };

/**
 * Lists the SMS-capable numbers on the connected Twilio account that are
 * not in the inbox yet, with the count of all SMS-capable numbers on the
 * account. Any failure is returned, not thrown, because the setup page then
 * lets staff type the number instead. Error 20003 records the saved
 * credentials as rejected in the credential finding, and a successful
 * listing records them as accepted.
 */
export async function listAvailableNumbers(
  ctx: AppContext,
  companyId: string,
): Promise<AvailableNumbersResult> {
  const twilio = await findConnectedTwilio(ctx, companyId);
  if (!twilio) {
    return { ok: false, message: errors.twilioNotConnected().message };
  }

  let accountNumbers: AccountNumber[];
  try {
    accountNumbers = await listAccountNumbers(twilio.client);
  } catch (error) {
    const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
    ctx.logger.warn(
      { companyId, twilioCode: explained.code, status: explained.status },
      "listing Twilio numbers failed",
    );
    if (explained.code === TWILIO_AUTHENTICATION_FAILED) {
      await recordCredentialCheck(ctx, companyId, "rejected", ctx.logger);
    }

    // Adding a typed number looks it up on Twilio, which fails the same
    // way when Twilio rejects the credentials or cannot be reached.
    const typingHelps =
      explained.code !== TWILIO_AUTHENTICATION_FAILED &&
      explained.noResponseReason === undefined;

    return {
      ok: false,
      message: `The numbers on the Twilio account could not be loaded. ${explained.message}${typingHelps ? " Type the number instead." : ""}`,
    };
  }
  await recordCredentialCheck(ctx, companyId, "accepted", ctx.logger);

  const companyNumbers = await listCompanyNumbers(ctx.db, companyId);
  const inInbox = new Set(companyNumbers.map((number) => number.phoneNumber));
  const smsNumbers = accountNumbers.filter((number) => number.smsCapable);
  const numbers = smsNumbers.filter(
    (number) => !inInbox.has(number.phoneNumber),
  );

  return { ok: true, numbers, smsCapableCount: smsNumbers.length };
}
