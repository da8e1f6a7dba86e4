import type {
  NumberWebhookHealth,
  WebhookState,
} from "../../../common/webhook-health-api";

type ChipColor = "success" | "warning" | "error" | "default";

interface StateLabel {
  label: string;
  color: ChipColor;
}

/** Short label and chip color of each webhook state. */
export const webhookStateLabels: Record<WebhookState, StateLabel> = {
  ok: { label: "OK", color: "success" },
  legacy_url: { label: "Works, token URL recommended", color: "warning" },
  previous_token: { label: "Old token, works for now", color: "warning" },
  old_token: { label: "Old token", color: "error" },
  wrong_method: { label: "Uses GET", color: "error" },
  other_url: { label: "Points elsewhere", color: "error" },
  unset: { label: "No webhook", color: "error" },
  not_sms_capable: { label: "No SMS", color: "error" },
  not_on_account: { label: "Not on this Twilio account", color: "error" },
  unreachable: { label: "Twilio unreachable", color: "default" },
  check_failed: { label: "Check failed", color: "default" },
};

/** Names the URL that Twilio calls for the number's texts. */
export function incomingUrlLabel(
  source: NumberWebhookHealth["webhookSource"],
): string {
  return source === "messaging_service"
    ? "Messaging Service's incoming request URL"
    : "Current URL";
}
