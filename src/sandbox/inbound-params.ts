import { lookUpLocation } from "./geo.js";
import { API_VERSION } from "./presenters.js";
import type { SandboxMessage } from "./state-types.js";

/** File extensions to the content types Twilio reports for media. */
const mediaTypes: Record<string, string> = {
  gif: "image/gif",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  mp4: "video/mp4",
  pdf: "application/pdf",
  png: "image/png",
  vcf: "text/vcard",
};

/**
 * Returns the form of Twilio's incoming-message webhook for a received
 * message, with every parameter Twilio sends for SMS and MMS.
 */
export function inboundWebhookParams(message: SandboxMessage) {
  const from = lookUpLocation(message.from);
  const to = lookUpLocation(message.to);
  const params: Record<string, string> = {
    ToCountry: to.country,
    ToState: to.state,
    SmsMessageSid: message.sid,
    NumMedia: String(message.mediaUrls.length),
    ToCity: to.city,
    FromZip: from.zip,
    SmsSid: message.sid,
    FromState: from.state,
    SmsStatus: "received",
    FromCity: from.city,
    Body: message.body,
    FromCountry: from.country,
    To: message.to,
    ToZip: to.zip,
    NumSegments: String(message.numSegments),
    ReferralNumMedia: "0",
    MessageSid: message.sid,
    AccountSid: message.accountSid,
    From: message.from,
    ApiVersion: API_VERSION,
  };
  if (message.messagingServiceSid) {
    params.MessagingServiceSid = message.messagingServiceSid;
  }
  message.mediaUrls.forEach((url, index) => {
    params[`MediaContentType${index}`] =
      message.mediaContentTypes?.[index] ?? guessMediaType(url);
    params[`MediaUrl${index}`] = url;
  });

  return params;
}

export function guessMediaType(url: string): string {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();

  return (extension && mediaTypes[extension]) || "application/octet-stream";
}
