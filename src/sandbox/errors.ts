/**
 * An error the Twilio-shaped routes return as Twilio's legacy error JSON,
 * which twilio-node turns into a RestException with the same code and status.
 */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "TwilioApiError";
  }
}

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function presentTwilioError(error: TwilioApiError): TwilioErrorBody {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}

const fail = (status: number, code: number, message: string) =>
  new TwilioApiError(status, code, message);

/** The errors the sandbox returns, with Twilio's codes and HTTP statuses. */
export const twilioErrors = {
  authenticate: () => fail(401, 20003, "Authenticate"),
  notFound: (path: string) =>
    fail(404, 20404, `The requested resource ${path} was not found`),
  // NOTE: Twilio's codes for invalid list and update parameters are not
  // verified, so all of them use 20001.
  invalidListParameter: (name: string, value: string) =>
    fail(400, 20001, `Invalid ${name}: ${value}`),
  invalidMethod: (name: string, method: string) =>
    fail(400, 20001, `${name} must be GET or POST, not ${method}.`),
  invalidBoolean: (name: string, value: string) =>
    fail(400, 20001, `${name} must be true or false, not ${value}.`),
  friendlyNameTooLong: () =>
    fail(400, 20001, "FriendlyName must be at most 64 characters long."),
  tooManyRequests: () => fail(429, 20429, "Too Many Requests"),
  internal: () => fail(500, 20500, "Internal Server Error"),
  missingTo: () => fail(400, 21604, "A 'To' phone number is required."),
  invalidTo: (to: string) =>
    fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
  missingFrom: () => fail(400, 21603, "A 'From' phone number is required."),
  fromNotOwned: (from: string) =>
    fail(
      400,
      21606,
      `The From phone number ${from} is not a valid, SMS-capable inbound ` +
        "phone number or short code for your account.",
    ),
  fromOtherAccount: (from: string, accountSid: string) =>
    fail(
      400,
      21660,
      `Mismatch between the 'From' number ${from} and the account ${accountSid}`,
    ),
  noServiceSender: (serviceSid: string) =>
    fail(
      400,
      21703,
      `The Messaging Service ${serviceSid} does not have a phone number ` +
        "available to send a message.",
    ),
  missingBody: () => fail(400, 21602, "Message body is required."),
  bodyTooLong: () =>
    fail(
      400,
      21617,
      "The concatenated message body exceeds the 1600 character limit.",
    ),
  invalidMediaUrl: (url: string) =>
    fail(400, 21620, `Invalid media URL(s): ${url}`),
  invalidStatusCallback: (url: string) =>
    fail(400, 21609, `The StatusCallback URL ${url} is not a valid URL.`),
  unsubscribed: () =>
    fail(400, 21610, "Attempt to send to unsubscribed recipient"),
  invalidCallbackUrl: (name: string, url: string) =>
    fail(400, 21502, `The ${name} ${url} is not a valid callback URL.`),
};
