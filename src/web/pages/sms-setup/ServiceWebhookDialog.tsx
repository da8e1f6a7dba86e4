import Alert from "@mui/material/Alert";
import Typography from "@mui/material/Typography";
import type { MessagingServiceSummary } from "../../../common/webhook-health-api";
import type { ApiError } from "../../api/ApiError";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { UrlText } from "./SetWebhookDialog";

interface ServiceWebhookDialogProps {
  open: boolean;
  /** The number as shown on the page. */
  formattedNumber: string;
  service: MessagingServiceSummary;
  /** The URL to set, the company's token URL. */
  webhookUrl: string;
  pending: boolean;
  error: ApiError | null;
  onConfirm(): void;
  onClose(): void;
}

/**
 * Explains that a number's Messaging Service decides where its texts go,
 * and confirms before replacing the service's inbound request URL, which
 * applies to every number in the service.
 */
export function ServiceWebhookDialog(props: ServiceWebhookDialogProps) {
  const { service } = props;

  return (
    <ConfirmDialog
      open={props.open}
      title={`The Messaging Service decides where texts to ${props.formattedNumber} go`}
      confirmLabel="Replace service URL"
      pending={props.pending}
      error={props.error}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <Typography variant="body2">
        {props.formattedNumber} is in the Messaging Service &ldquo;
        {service.friendlyName}&rdquo; ({service.sid}). Twilio sends its texts to
        the service&rsquo;s incoming request URL, so the number&rsquo;s own
        webhook is not used. The service&rsquo;s current URL:
      </Typography>
      <UrlText
        url={service.inboundRequestUrl ?? ""}
        method={service.inboundMethod}
        label="Service's incoming request URL"
      />
      <Alert severity="warning" sx={{ mt: 2 }}>
        Replacing it changes where texts go for every number in the service,
        including numbers this inbox does not use. Replace it only if no other
        app needs the current URL.
      </Alert>
      <Typography variant="body2" sx={{ mt: 2 }}>
        New URL, with HTTP POST:
      </Typography>
      <UrlText url={props.webhookUrl} label="New service URL" />
      <Typography variant="body2" sx={{ mt: 2 }}>
        Or, in the Twilio Console, make the service use each number&rsquo;s own
        webhook (UseInboundWebhookOnNumber), then refresh and set this
        number&rsquo;s webhook here.
      </Typography>
    </ConfirmDialog>
  );
}
