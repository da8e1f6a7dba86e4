import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { encodeForm } from "../../test/support/twilio-signing.js";

/** A webhook request body with its X-Twilio-Signature. */
export interface SignedWebhook {
  messageSid: string;
  body: string;
  signature: string;
}

const SAMPLE_TEXTS = [
  "Hi, is the store open on Sunday?",
  "Running 10 minutes late, sorry!",
  "Can I move my appointment to Thursday at 3pm?",
  "Thanks, got it.",
  "What's the total with tax? I want to pay by card when I pick up the order tomorrow morning.",
];

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/**
 * Builds the form parameters of an incoming SMS as Twilio posts them,
 * including the geographic and bookkeeping fields a real request carries.
 */
export function inboundParams(options: {
  messageSid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
}): Record<string, string> {
  return {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: options.messageSid,
    NumMedia: "0",
    ToCity: "SAN FRANCISCO",
    FromZip: "94105",
    SmsSid: options.messageSid,
    FromState: "CA",
    SmsStatus: "received",
    FromCity: "SAN FRANCISCO",
    Body: options.body,
    FromCountry: "US",
    To: options.to,
    ToZip: "94103",
    NumSegments: "1",
    ReferralNumMedia: "0",
    MessageSid: options.messageSid,
    AccountSid: options.accountSid,
    From: options.from,
    ApiVersion: "2010-04-01",
  };
}

/** Signs a new inbound SMS from one of `customers` numbered customers. */
export function signedInbound(options: {
  url: string;
  authToken: string;
  accountSid: string;
  to: string;
  customerIndex: number;
}): SignedWebhook {
  const messageSid = newMessageSid();
  const params = inboundParams({
    messageSid,
    accountSid: options.accountSid,
    from: `+1628555${String(options.customerIndex % 10_000).padStart(4, "0")}`,
    to: options.to,
    body: SAMPLE_TEXTS[options.customerIndex % SAMPLE_TEXTS.length] ?? "Hello",
  });

  return {
    messageSid,
    body: encodeForm(params),
    signature: twilio.getExpectedTwilioSignature(
      options.authToken,
      options.url,
      params,
    ),
  };
}
