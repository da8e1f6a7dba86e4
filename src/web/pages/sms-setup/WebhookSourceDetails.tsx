import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { NumberWebhookHealth } from "../../../common/webhook-health-api";

interface WebhookSourceDetailsProps {
  health: NumberWebhookHealth;
}

/**
 * Shows the number's Messaging Service and which setting decides where
 * Twilio sends its texts, a GET method that loses texts, and why the
 * service check is incomplete when it is.
 */
export function WebhookSourceDetails({ health }: WebhookSourceDetailsProps) {
  const service = health.messagingService;
  const usesGet =
    !!health.incomingUrl &&
    health.incomingMethod !== null &&
    health.incomingMethod !== "POST";

  return (
    <Stack sx={{ mt: 0.5, maxWidth: 420 }} spacing={0.5}>
      {service && (
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="messaging-service"
        >
          Messaging Service: {service.friendlyName} ({service.sid}).{" "}
          {health.webhookSource === "messaging_service"
            ? "The service's incoming request URL decides where texts go."
            : "The service uses each number's own webhook, so the number's URL decides."}
        </Typography>
      )}
      {usesGet && (
        <Typography variant="body2" color="error" data-testid="method-warning">
          Wrong method: Twilio sends these texts with HTTP{" "}
          {health.incomingMethod}, but the inbox accepts only POST. Twilio must
          send POST.
        </Typography>
      )}
      {health.messagingServiceNote && (
        <Typography
          variant="caption"
          color="warning.main"
          data-testid="messaging-service-note"
        >
          {health.messagingServiceNote}
        </Typography>
      )}
    </Stack>
  );
}
