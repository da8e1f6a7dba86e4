import { lookUpLocation } from "./geo.js";
import type { SandboxMessagingService, SandboxNumber } from "./state-types.js";

/** ISO 8601 in UTC without milliseconds, as the v1 APIs send dates. */
function toIso8601(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const serviceLinks = [
  ["phone_numbers", "PhoneNumbers"],
  ["short_codes", "ShortCodes"],
  ["alpha_senders", "AlphaSenders"],
  ["messages", "Messages"],
  ["us_app_to_person", "Compliance/Usa2p"],
  ["us_app_to_person_usecases", "Compliance/Usa2p/Usecases"],
  ["channel_senders", "ChannelSenders"],
  ["destination_alpha_senders", "DestinationAlphaSenders"],
] as const;

/**
 * Presents the Messaging v1 Service resource. `origin` is the sandbox's own
 * origin, used where Twilio sends absolute messaging.twilio.com URLs, so
 * that a client following them stays on the sandbox. Settings the sandbox
 * does not model have fixed values.
 */
export function presentMessagingService(
  service: SandboxMessagingService,
  origin: string,
) {
  const url = `${origin}/v1/Services/${service.sid}`;

  return {
    account_sid: service.accountSid,
    area_code_geomatch: true,
    date_created: toIso8601(service.dateCreated),
    date_updated: toIso8601(service.dateUpdated),
    fallback_method: service.fallbackMethod,
    fallback_to_long_code: false,
    fallback_url: service.fallbackUrl,
    friendly_name: service.friendlyName,
    inbound_method: service.inboundMethod,
    inbound_request_url: service.inboundRequestUrl,
    links: Object.fromEntries(
      serviceLinks.map(([key, path]) => [key, `${url}/${path}`]),
    ),
    mms_converter: true,
    scan_message_content: "inherit",
    sid: service.sid,
    smart_encoding: true,
    status_callback: service.statusCallback,
    sticky_sender: true,
    synchronous_validation: false,
    url,
    us_app_to_person_registered: false,
    use_inbound_webhook_on_number: service.useInboundWebhookOnNumber,
    usecase: "undeclared",
    validity_period: 36000,
  };
}

/** Presents a number of a service's sender pool (Messaging v1 PhoneNumber). */
export function presentServicePhoneNumber(
  service: SandboxMessagingService,
  number: SandboxNumber,
  origin: string,
) {
  const { capabilities } = number;
  const names: string[] = [];
  if (capabilities.voice) names.push("Voice");
  if (capabilities.sms) names.push("SMS");
  if (capabilities.mms) names.push("MMS");

  return {
    account_sid: number.accountSid,
    capabilities: names,
    country_code: lookUpLocation(number.phoneNumber).country,
    date_created: toIso8601(number.dateCreated),
    date_updated: toIso8601(number.dateUpdated),
    phone_number: number.phoneNumber,
    service_sid: service.sid,
    sid: number.sid,
    url: `${origin}/v1/Services/${service.sid}/PhoneNumbers/${number.sid}`,
  };
}
