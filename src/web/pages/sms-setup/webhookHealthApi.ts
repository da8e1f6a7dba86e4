import type {
  InboxSetup,
  NumberWebhookHealth,
  SetWebhooksRequest,
  SetWebhooksResult,
  WebhookAlerts,
  WebhookHealthReport,
} from "../../../common/api";
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
  setWebhooks: (body: SetWebhooksRequest) =>
    request<SetWebhooksResult>("POST", `${base}/setup/webhooks`, body),
  rotateToken: () =>
    request<InboxSetup>("POST", `${base}/setup/webhook-token/rotate`),
  /** Numbers whose stored check shows a wrong webhook; managers only. */
  alerts: () => request<WebhookAlerts>("GET", `${base}/webhook-alerts`),
};
