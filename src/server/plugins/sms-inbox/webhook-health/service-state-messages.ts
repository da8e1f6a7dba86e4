import type { WebhookState } from "../../../../common/webhook-health-api.js";
import type { MessagingServiceRoute } from "./messaging-service-lookup.js";
import type { WebhookTokens } from "./webhook-tokens.js";

/**
 * Explains a webhook state judged on a Messaging Service's inbound request
 * URL. Each message names the service and states that the number's own
 * webhook is not used, because setting that webhook cannot fix the number.
 */
export function serviceStateMessage(
  state: WebhookState,
  service: MessagingServiceRoute,
  tokens: WebhookTokens,
): string {
  const decides = `Twilio sends texts to this number to its Messaging Service "${service.friendlyName}" (${service.sid}), not to the number's own webhook.`;
  const detail = stateDetail(state, tokens);
  if (state === "ok") return `${decides} ${detail}`;

  return `${decides} ${detail} ${SERVICE_FIX}`;
}

const SERVICE_FIX =
  "To fix it, replace the service's incoming request URL with the inbox's webhook URL and HTTP POST, with Set webhook on the setup page or in the Twilio Console. That changes it for every number in the service. Or make the service use each number's own webhook (UseInboundWebhookOnNumber), then set this number's webhook.";

function stateDetail(state: WebhookState, tokens: WebhookTokens): string {
  switch (state) {
    case "ok":
      return "The service's incoming request URL is the inbox's, so texts reach the inbox.";
    case "legacy_url":
      return "Works: the service uses the URL without a token. The token URL is recommended, because it names the company directly.";
    case "previous_token":
      return `Works until ${tokens.previous?.validUntil ?? "the previous token expires"}: the service's URL has the token from before the last rotation, so texts will be rejected after that.`;
    case "old_token":
      return "The service's URL has a webhook token that is no longer valid, so texts to this number are rejected.";
    case "wrong_method":
      return "The service calls the inbox's URL with HTTP GET, but the inbox accepts only POST, so texts to this number are lost.";
    case "other_url":
      return "The service's incoming request URL points at another URL, so texts to this number do not reach the inbox, unless that is intended.";
    case "unset":
      return "The service has no incoming request URL, so Twilio drops texts to this number.";
    default:
      return "";
  }
}
