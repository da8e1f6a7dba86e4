import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { errors, type AppError } from "../../../errors.js";
import { readTwilioFailure } from "../../../twilio/twilio-error-messages.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { requireConnectedTwilio } from "../twilio/connected-twilio.js";
import { TWILIO_AUTHENTICATION_FAILED } from "../webhook-health/twilio-error-codes.js";
import {
  lookUpNumber,
  type NumberLookup,
  type NumberToLookUp,
} from "../webhook-health/twilio-number-lookup.js";
import { classifySmsUrl } from "../webhook-health/webhook-urls.js";

/** The outcome of clearing a number's webhook before its removal. */
export type WebhookClearing =
  | { result: "cleared"; previousSmsUrl: string; previousSmsMethod: string }
  | { result: "unset" | "points_elsewhere" | "not_on_account" };

/**
 * Clears the number's incoming-message webhook (SmsUrl) on Twilio when it
 * points at this company's inbox, so Twilio stops sending texts that the
 * inbox would reject once the number is removed. A URL pointing anywhere
 * else is left unchanged. When Twilio fails, throws an AppError whose
 * message states that the number was not removed, with the status that
 * explainTwilioError gives.
 */
export async function clearInboxWebhook(
  ctx: AppContext,
  companyId: string,
  number: NumberToLookUp & { id: string },
): Promise<WebhookClearing> {
  const twilio = await requireConnectedTwilio(ctx, companyId);
  const apiBaseUrl = ctx.config.twilioApiBaseUrl;
  const lookup = await lookUpNumber(twilio.client, apiBaseUrl, number);
  if (lookup.result === "not_found") return { result: "not_on_account" };

  if (lookup.result !== "found") {
    const error = lookupFailure(number.phoneNumber, lookup);
    logFailure(ctx, companyId, number.id, error);
    throw error;
  }

  if (lookup.smsUrl === "") return { result: "unset" };

  if (!(await pointsAtCompany(ctx, companyId, lookup.smsUrl))) {
    return { result: "points_elsewhere" };
  }

  try {
    await twilio.client.incomingPhoneNumbers(lookup.sid).update({ smsUrl: "" });
  } catch (error) {
    if (readTwilioFailure(error)?.status === 404) {
      return { result: "not_on_account" };
    }

    const failure = updateFailure(ctx, number.phoneNumber, error);
    logFailure(ctx, companyId, number.id, failure);
    throw failure;
  }

  return {
    result: "cleared",
    previousSmsUrl: lookup.smsUrl,
    previousSmsMethod: lookup.smsMethod,
  };
}

/**
 * Returns whether `smsUrl` is one of this server's webhook URLs that leads
 * to the company: the token-less URL, or a token URL whose token is not another
 * company's current or previous token.
 */
export async function pointsAtCompany(
  ctx: Pick<AppContext, "config" | "db">,
  companyId: string,
  smsUrl: string,
): Promise<boolean> {
  const url = classifySmsUrl(ctx.config.publicUrl, smsUrl);
  if (url.kind === "legacy") return true;

  if (url.kind !== "token") return false;

  return !(await isOtherCompanysToken(ctx.db, companyId, url.token));
}

async function isOtherCompanysToken(
  db: Db,
  companyId: string,
  token: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("companies")
    .select("id")
    .where("id", "!=", companyId)
    .where((eb) =>
      eb.or([
        eb("webhook_token", "=", token),
        eb("previous_webhook_token", "=", token),
      ]),
    )
    .executeTakeFirst();

  return row !== undefined;
}

function logFailure(
  ctx: Pick<AppContext, "logger">,
  companyId: string,
  numberId: string,
  error: AppError,
): void {
  ctx.logger.warn(
    {
      companyId,
      numberId,
      errorCode: error.code,
      status: error.statusCode,
    },
    "clearing the webhook of a removed number failed",
  );
}

const KEEP_OPTION =
  "Try again, or remove it without clearing the webhook and clear the number's “A message comes in” URL in the Twilio Console.";

function lookupFailure(
  phoneNumber: string,
  lookup: Extract<NumberLookup, { result: "failed" | "unreachable" }>,
): AppError {
  const notRemoved = `${phoneNumber} was not removed from the inbox, and its webhook on Twilio was not changed.`;
  if (lookup.result === "unreachable") {
    return errors.twilio(
      504,
      null,
      `${notRemoved} ${lookup.message} ${KEEP_OPTION}`,
    );
  }

  if (lookup.code === TWILIO_AUTHENTICATION_FAILED) {
    return errors.twilio(
      502,
      lookup.code,
      `${notRemoved} Twilio rejected the saved Account SID and auth token (error 20003). Update them in Settings, under Twilio connection, or remove the number without clearing the webhook.`,
    );
  }

  return errors.twilio(
    502,
    lookup.code,
    `${notRemoved} ${lookup.message} ${KEEP_OPTION}`,
  );
}

/**
 * Explains a failed update. Twilio rejected it when it responded below 500,
 * so the webhook is unchanged. After a 5xx or no response, Twilio may have
 * applied it.
 */
function updateFailure(
  ctx: Pick<AppContext, "config">,
  phoneNumber: string,
  error: unknown,
): AppError {
  const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
  const failure = readTwilioFailure(error);
  const rejected = failure !== null && failure.status < 500;
  const webhook = rejected
    ? "its webhook on Twilio was not cleared"
    : "its webhook on Twilio may or may not have been cleared";
  const next = rejected
    ? KEEP_OPTION
    : "Refresh the webhook status to see its current URL, then try again.";

  return errors.twilio(
    explained.status,
    explained.code,
    `${phoneNumber} was not removed from the inbox, and ${webhook}. ${explained.message} ${next}`,
  );
}
