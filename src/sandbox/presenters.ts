import { toRfc2822 } from "./ids.js";
import type {
  SandboxAccount,
  SandboxMessage,
  SandboxNumber,
} from "./state-types.js";

export const API_VERSION = "2010-04-01";

const accountPath = (accountSid: string) =>
  `/${API_VERSION}/Accounts/${accountSid}`;

const accountSubresources = [
  ["addresses", "Addresses"],
  ["applications", "Applications"],
  ["available_phone_numbers", "AvailablePhoneNumbers"],
  ["balance", "Balance"],
  ["calls", "Calls"],
  ["conferences", "Conferences"],
  ["incoming_phone_numbers", "IncomingPhoneNumbers"],
  ["messages", "Messages"],
  ["notifications", "Notifications"],
  ["outgoing_caller_ids", "OutgoingCallerIds"],
  ["queues", "Queues"],
  ["recordings", "Recordings"],
  ["short_codes", "SMS/ShortCodes"],
  ["signing_keys", "SigningKeys"],
  ["transcriptions", "Transcriptions"],
  ["usage", "Usage"],
] as const;

/** Presents the Account resource, with the auth token as Twilio sends it. */
export function presentAccount(account: SandboxAccount) {
  const path = accountPath(account.sid);

  return {
    auth_token: account.authToken,
    date_created: toRfc2822(account.dateCreated),
    date_updated: toRfc2822(account.dateUpdated),
    friendly_name: account.friendlyName,
    owner_account_sid: account.sid,
    sid: account.sid,
    status: "active",
    subresource_uris: Object.fromEntries(
      accountSubresources.map(([key, name]) => [key, `${path}/${name}.json`]),
    ),
    type: "Full",
    uri: `${path}.json`,
  };
}

export function presentMessage(message: SandboxMessage) {
  const path = `${accountPath(message.accountSid)}/Messages/${message.sid}`;

  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: toRfc2822(message.dateCreated),
    date_sent: message.dateSent ? toRfc2822(message.dateSent) : null,
    date_updated: toRfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: String(message.mediaUrls.length),
    num_segments: String(message.numSegments),
    price: message.price,
    price_unit: "USD",
    sid: message.sid,
    status: message.status,
    subresource_uris: {
      media: `${path}/Media.json`,
      feedback: `${path}/Feedback.json`,
    },
    to: message.to,
    uri: `${path}.json`,
  };
}

/**
 * Presents the IncomingPhoneNumber resource. Unset URLs and application
 * SIDs are "" and unused voice fields are null, matching what Twilio
 * returns.
 */
export function presentNumber(number: SandboxNumber) {
  const path = `${accountPath(number.accountSid)}/IncomingPhoneNumbers/${number.sid}`;

  return {
    account_sid: number.accountSid,
    address_requirements: "none",
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { ...number.capabilities },
    date_created: toRfc2822(number.dateCreated),
    date_updated: toRfc2822(number.dateUpdated),
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    emergency_status: "Inactive",
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: "twilio",
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: "",
    sms_fallback_method: number.smsFallbackMethod,
    sms_fallback_url: number.smsFallbackUrl,
    sms_method: number.smsMethod,
    sms_url: number.smsUrl,
    status: "in-use",
    status_callback: number.statusCallback,
    status_callback_method: number.statusCallbackMethod,
    subresource_uris: { assigned_add_ons: `${path}/AssignedAddOns.json` },
    trunk_sid: null,
    uri: `${path}.json`,
    voice_application_sid: "",
    voice_caller_id_lookup: false,
    voice_fallback_method: "POST",
    voice_fallback_url: null,
    voice_method: "POST",
    voice_receive_mode: "voice",
    voice_url: null,
  };
}
