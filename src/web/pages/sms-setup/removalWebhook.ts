import type {
  NumberWebhookHealth,
  WebhookState,
} from "../../../common/webhook-health-api";
import { formatPhoneNumber } from "../../../common/phone";

/** The remove dialog's text and offer about the number's webhook. */
export interface RemovalWebhookAdvice {
  /** Whether the dialog offers to clear the number's SmsUrl on Twilio. */
  offerClear: boolean;
  /** The offer's initial state. */
  clearByDefault: boolean;
  /** The sentence on where Twilio sends texts now and what removal changes. */
  status: string;
  /** Texts that keep arriving after removal, or null. */
  warning: string | null;
}

/** States whose URL is one of this inbox's webhook URLs. */
const INBOX_URL_STATES: ReadonlySet<WebhookState> = new Set([
  "ok",
  "legacy_url",
  "previous_token",
  "old_token",
  "wrong_method",
]);

/**
 * Returns whether `url` is one of this inbox's webhook URLs: the token-less URL or
 * a token URL under it. `webhookUrl` is the company's current token URL.
 */
export function isInboxWebhookUrl(url: string, webhookUrl: string): boolean {
  const legacyUrl = webhookUrl.slice(0, webhookUrl.lastIndexOf("/"));

  return url === legacyUrl || url.startsWith(`${legacyUrl}/`);
}

/**
 * Advises the remove dialog from the number's webhook health: `health` is
 * null when the check failed to load, with `checkError` saying why. The
 * server clears the SmsUrl only when it points at this inbox, so an
 * unknown state still offers clearing, checked.
 */
export function adviseRemovalWebhook(
  health: NumberWebhookHealth | null,
  webhookUrl: string,
  checkError: string | null,
): RemovalWebhookAdvice {
  if (!health) {
    return unknownAdvice(checkError ?? "The webhook could not be checked.");
  }

  if (health.state === "not_on_account") {
    return {
      offerClear: false,
      clearByDefault: false,
      status: `${formatPhoneNumber(health.phoneNumber)} is not on the connected Twilio account, so there is no webhook to clear.`,
      warning: null,
    };
  }

  if (health.state === "unreachable" || health.state === "check_failed") {
    return unknownAdvice(health.message);
  }

  return health.webhookSource === "messaging_service"
    ? serviceAdvice(health, webhookUrl)
    : numberAdvice(health);
}

function unknownAdvice(reason: string): RemovalWebhookAdvice {
  return {
    offerClear: true,
    clearByDefault: true,
    status: `${reason} If the webhook points at this inbox, it is cleared. If Twilio cannot be reached then, the number stays in the inbox.`,
    warning: null,
  };
}

function numberAdvice(health: NumberWebhookHealth): RemovalWebhookAdvice {
  if (INBOX_URL_STATES.has(health.state)) {
    return {
      offerClear: true,
      clearByDefault: true,
      status:
        "Its incoming-message webhook on Twilio points at this inbox. Unless it is cleared, Twilio keeps sending its texts here after removal, and the inbox rejects them (Twilio error 11200), so they are lost.",
      warning: null,
    };
  }

  const status =
    health.smsUrl === ""
      ? "It has no incoming-message webhook on Twilio, so there is nothing to clear."
      : `Its webhook on Twilio points at another URL (${health.smsUrl ?? "unknown"}), which stays as it is.`;

  return { offerClear: false, clearByDefault: false, status, warning: null };
}

function serviceAdvice(
  health: NumberWebhookHealth,
  webhookUrl: string,
): RemovalWebhookAdvice {
  const service =
    health.messagingService?.friendlyName ?? "its Messaging Service";
  const ownUrlHere =
    health.smsUrl !== null && isInboxWebhookUrl(health.smsUrl, webhookUrl);
  const warning = INBOX_URL_STATES.has(health.state)
    ? `Texts to it go to ${service}, whose incoming URL points at this inbox, so they keep arriving in the inbox while the number is in that service's sender pool. Remove the number from the service in the Twilio Console to stop them.`
    : null;

  return {
    offerClear: ownUrlHere,
    clearByDefault: ownUrlHere,
    status: ownUrlHere
      ? `Its own incoming-message webhook on Twilio points at this inbox. ${service} decides where its texts go now, but the number's webhook applies once it leaves the service.`
      : `${service} decides where its texts go, and the number's own webhook does not point at this inbox.`,
    warning,
  };
}
