import { AppError, errors } from "../../../errors.js";
import { readTwilioFailure } from "../../../twilio/twilio-error-messages.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { TWILIO_AUTHENTICATION_FAILED } from "./twilio-error-codes.js";
import type { NumberLookup } from "./twilio-number-lookup.js";

/** The place in the web app where staff update the Account SID and auth token. */
export const TWILIO_SETTINGS_PLACE = "Settings, under Twilio connection";

/** The number whose webhook "Set webhook" tried to change, and its account. */
export interface SetWebhookTarget {
  phoneNumber: string;
  accountSid: string;
}

/**
 * The outcome of a failed webhook update on Twilio: the error to return and
 * whether Twilio reported the number as gone from the account.
 */
export interface UpdateFailure {
  error: AppError;
  numberGone: boolean;
}

/**
 * Builds the error for a lookup that ran before the update and failed. The
 * webhook was not changed in any of these cases.
 */
export function lookupFailureError(
  target: SetWebhookTarget,
  lookup: Extract<NumberLookup, { result: "failed" | "unreachable" }>,
): AppError {
  if (lookup.result === "unreachable") {
    return errors.twilio(
      504,
      null,
      `The webhook of ${target.phoneNumber} was not changed. ${lookup.message} Then try again.`,
    );
  }

  if (lookup.code === TWILIO_AUTHENTICATION_FAILED) {
    return credentialsRejected(target);
  }

  return errors.twilio(
    502,
    lookup.code,
    `The webhook of ${target.phoneNumber} was not changed. ${lookup.message}`,
  );
}

/**
 * Explains an error thrown by the update request. A Twilio error response
 * below 500 means Twilio rejected the update, so the webhook is unchanged.
 * After a 5xx or no response at all, Twilio may have applied the update.
 */
export function describeUpdateFailure(
  target: SetWebhookTarget,
  error: unknown,
  apiBaseUrl: string,
): UpdateFailure {
  const explained = explainTwilioError(error, apiBaseUrl);
  if (explained.code === TWILIO_AUTHENTICATION_FAILED) {
    return { error: credentialsRejected(target), numberGone: false };
  }

  const failure = readTwilioFailure(error);
  if (failure?.status === 404) {
    return { error: numberGone(target), numberGone: true };
  }

  if (explained.noResponseReason !== undefined) {
    const message =
      `The webhook of ${target.phoneNumber} may not have changed because Twilio could not be reached at ${apiBaseUrl} (${explained.noResponseReason}). ` +
      "Refresh the webhook check to see the number's current URL, then try again.";

    return {
      error: errors.twilio(explained.status, null, message),
      numberGone: false,
    };
  }

  const rejected = failure !== null && failure.status < 500;
  const outcome = rejected ? "was not changed" : "may not have changed";
  const message =
    `The webhook of ${target.phoneNumber} ${outcome}. ${explained.message} ` +
    "Refresh the webhook check to see the number's current URL.";

  return {
    error: errors.twilio(explained.status, explained.code, message),
    numberGone: false,
  };
}

function credentialsRejected(target: SetWebhookTarget): AppError {
  return errors.twilio(
    502,
    TWILIO_AUTHENTICATION_FAILED,
    `The webhook of ${target.phoneNumber} was not changed because Twilio rejected the saved Account SID and auth token (error 20003). Update them in ${TWILIO_SETTINGS_PLACE}, then try again.`,
  );
}

function numberGone(target: SetWebhookTarget): AppError {
  return new AppError(
    409,
    "number_not_on_account",
    `The webhook of ${target.phoneNumber} was not changed because the number is no longer on the connected Twilio account (${target.accountSid}). It may have been released or moved to another account. Remove it from the inbox, or add it again once it is back on this account.`,
  );
}
