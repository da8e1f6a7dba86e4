import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type {
  MessagingServiceSummary,
  NumberWebhookHealth,
} from "../../../common/webhook-health-api";
import { formatPhoneNumber } from "../../../common/phone";
import { formatFullTime } from "../../format/time";
import { useSubmit } from "../../hooks/useSubmit";
import { ServiceWebhookDialog } from "./ServiceWebhookDialog";
import { SetWebhookDialog, UrlText } from "./SetWebhookDialog";
import { webhookHealthApi } from "./webhookHealthApi";
import { WebhookSourceDetails } from "./WebhookSourceDetails";
import { incomingUrlLabel, webhookStateLabels } from "./webhookStates";

interface WebhookHealthRowProps {
  health: NumberWebhookHealth;
  webhookUrl: string;
  previousTokenValidUntil: string | null;
  /** Called after the webhook was set, or when Twilio's URL had changed. */
  onChanged(): void;
}

/**
 * Shows one number's webhook state, with "Set webhook" when it can be
 * fixed. When the number's Messaging Service decides, "Set webhook" explains
 * that and offers to replace the service's URL instead.
 */
export function WebhookHealthRow(props: WebhookHealthRowProps) {
  const { health } = props;
  const [confirming, setConfirming] = useState(false);
  const [confirmingService, setConfirmingService] = useState(false);
  const { run, pending, error, clearError } = useSubmit();
  const formatted = formatPhoneNumber(health.phoneNumber);
  const state = webhookStateLabels[health.state];
  const service = health.messagingService;

  const handleConfirm = () =>
    void run(async () => {
      await webhookHealthApi.setWebhook(health.numberId, health.smsUrl ?? "");
      setConfirming(false);
      props.onChanged();
    });

  const handleServiceConfirm = (summary: MessagingServiceSummary) =>
    void run(async () => {
      await webhookHealthApi.setServiceWebhook(summary.sid, {
        expectedInboundRequestUrl: summary.inboundRequestUrl ?? "",
      });
      setConfirmingService(false);
      props.onChanged();
    });

  const handleClose = () => {
    setConfirming(false);
    setConfirmingService(false);
    clearError();
    // A 409 means the URL on Twilio changed, so the row shows it anew.
    if (error?.code === "webhook_changed") props.onChanged();
  };

  return (
    <TableRow aria-label={`Webhook of ${formatted}`}>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        <Typography variant="body2">{formatted}</Typography>
        {health.name && (
          <Typography variant="body2" color="text.secondary">
            {health.name}
          </Typography>
        )}
        {health.isDefault && (
          <Typography variant="caption" color="text.secondary">
            Default number
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <Chip
          label={state.label}
          color={state.color}
          size="small"
          data-state={health.state}
        />
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ mt: 0.5, maxWidth: 420 }}
        >
          {stateMessage(health, props.previousTokenValidUntil)}
        </Typography>
        {health.state !== "ok" && !!health.incomingUrl && (
          <Stack sx={{ mt: 0.5 }}>
            <Typography variant="caption" color="text.secondary">
              {incomingUrlLabel(health.webhookSource)} (
              {health.incomingMethod ?? "POST"}):
            </Typography>
            <UrlText
              url={health.incomingUrl}
              label={`Current URL of ${formatted}`}
            />
          </Stack>
        )}
        <WebhookSourceDetails health={health} />
      </TableCell>
      <TableCell>
        {health.lastInboundAt === null ? (
          <Typography variant="body2" color="text.secondary">
            None yet
          </Typography>
        ) : (
          <time dateTime={health.lastInboundAt}>
            {formatFullTime(health.lastInboundAt)}
          </time>
        )}
      </TableCell>
      <TableCell align="right">
        {serviceNeedsFix(health) && (
          <Button
            variant="outlined"
            size="small"
            sx={{ whiteSpace: "nowrap" }}
            onClick={() => setConfirmingService(true)}
            aria-label={`Set webhook on ${formatted}`}
          >
            Set webhook
          </Button>
        )}
        {service && (
          <ServiceWebhookDialog
            open={confirmingService}
            formattedNumber={formatted}
            service={service}
            webhookUrl={props.webhookUrl}
            pending={pending}
            error={error}
            onConfirm={() => handleServiceConfirm(service)}
            onClose={handleClose}
          />
        )}
        {health.canSetWebhook && (
          <Button
            variant="outlined"
            size="small"
            sx={{ whiteSpace: "nowrap" }}
            onClick={() => setConfirming(true)}
            aria-label={`Set webhook on ${formatted}`}
          >
            Set webhook
          </Button>
        )}
        <SetWebhookDialog
          open={confirming}
          title={`Set the webhook of ${formatted}?`}
          webhookUrl={props.webhookUrl}
          pending={pending}
          error={error}
          onConfirm={handleConfirm}
          onClose={handleClose}
        >
          This replaces the number's current incoming-message URL on Twilio:
          <UrlText
            url={health.smsUrl ?? ""}
            method={health.smsMethod}
            label="URL to replace"
          />
        </SetWebhookDialog>
      </TableCell>
    </TableRow>
  );
}

/** Checks whether the service's URL decides and is not the inbox's yet. */
function serviceNeedsFix(health: NumberWebhookHealth): boolean {
  return health.webhookSource === "messaging_service" && health.state !== "ok";
}

function stateMessage(
  health: NumberWebhookHealth,
  previousTokenValidUntil: string | null,
): string {
  if (health.state !== "previous_token" || previousTokenValidUntil === null) {
    return health.message;
  }

  const until = `Works until ${formatFullTime(previousTokenValidUntil)}, when the previous token stops being accepted.`;
  const service = health.messagingService;
  if (health.webhookSource === "messaging_service" && service) {
    return `${until} Twilio sends texts to this number to its Messaging Service "${service.friendlyName}" (${service.sid}), so replace the service's incoming request URL with the new URL before then.`;
  }

  return `${until} Set the new URL before then.`;
}
