import type { SandboxState } from "./state.js";
import type { HttpMethod, SandboxNumber } from "./state-types.js";

/** The webhook that a text to a number goes to, and the setting behind it. */
export interface InboundTarget {
  /** "" when the deciding setting has no URL, so no webhook is called. */
  url: string;
  method: HttpMethod;
  /** The Messaging Service SID when the service's URL decides. */
  serviceSid: string | null;
}

/**
 * Picks the webhook the way Twilio does for a number in a Messaging
 * Service's sender pool: the service's inbound request URL, unless the
 * service has UseInboundWebhookOnNumber, which hands the choice back to the
 * number's own SmsUrl. A messagingServiceSid that names no sandbox service
 * is ignored, so numbers seeded with only a SID keep their own SmsUrl.
 */
export function inboundTarget(
  state: SandboxState,
  number: SandboxNumber,
): InboundTarget {
  const service =
    number.messagingServiceSid === null
      ? undefined
      : state.findMessagingService(
          number.accountSid,
          number.messagingServiceSid,
        );
  if (!service || service.useInboundWebhookOnNumber) {
    return { url: number.smsUrl, method: number.smsMethod, serviceSid: null };
  }

  return {
    url: service.inboundRequestUrl ?? "",
    method: service.inboundMethod,
    serviceSid: service.sid,
  };
}
