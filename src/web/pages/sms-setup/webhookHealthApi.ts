import type { InboxSetup } from "../../../common/api";
import type {
  NumberWebhookHealth,
  SetServiceWebhookRequest,
  SetWebhooksRequest,
  SetWebhooksResult,
  WebhookAlerts,
  WebhookHealthReport,
} from "../../../common/webhook-health-api";
import { request } from "../../api/client";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";

const base = `/api/plugins/${SMS_INBOX_PLUGIN_ID}`;

/** Webhook health, "Set webhook" and token rotation of the setup page. */
export const webhookHealthApi = {
  /** Checks every inbox number on Twilio, which takes a moment. */
  check: () =>
    request<WebhookHealthReport>("GET", `${base}/setup/webhook-health`),
  setWebhook: (numberId: string, expectedSmsUrl: string) =>
    request<NumberWebhookHealth>(
      "POST",
      `${base}/setup/numbers/${encodeURIComponent(numberId)}/webhook`,
      { expectedSmsUrl },
    ),
  /** Sets a Messaging Service's inbound URL, for all numbers in it. */
  setServiceWebhook: (serviceSid: string, body: SetServiceWebhookRequest) =>
    request<WebhookHealthReport>(
      "POST",
      `${base}/setup/messaging-services/${encodeURIComponent(serviceSid)}/webhook`,
      body,
    ),
  setWebhooks: (body: SetWebhooksRequest) =>
    request<SetWebhooksResult>("POST", `${base}/setup/webhooks`, body),
  rotateToken: () =>
    request<InboxSetup>("POST", `${base}/setup/webhook-token/rotate`),
  /** Stops accepting the URL with the token before the last rotation. */
  endPreviousToken: () =>
    request<InboxSetup>("POST", `${base}/setup/webhook-token/previous/end`),
  /** Numbers whose stored check shows a wrong webhook; managers only. */
  alerts: () => request<WebhookAlerts>("GET", `${base}/webhook-alerts`),
};
