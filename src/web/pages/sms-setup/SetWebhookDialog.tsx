import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import type { ApiError } from "../../api/ApiError";
import { ConfirmDialog } from "../../components/ConfirmDialog";

interface SetWebhookDialogProps {
  open: boolean;
  title: string;
  /** The URL to set, the company's token URL. */
  webhookUrl: string;
  pending: boolean;
  error: ApiError | null;
  onConfirm(): void;
  onClose(): void;
  children: ReactNode;
}

/** Asks before replacing incoming-message webhooks on Twilio. */
export function SetWebhookDialog(props: SetWebhookDialogProps) {
  return (
    <ConfirmDialog
      open={props.open}
      title={props.title}
      confirmLabel="Replace webhook"
      pending={props.pending}
      error={props.error}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      {props.children}
      <Typography variant="body2" sx={{ mt: 2 }}>
        New URL, with HTTP POST:
      </Typography>
      <UrlText url={props.webhookUrl} />
    </ConfirmDialog>
  );
}

interface UrlTextProps {
  url: string;
  /** Shown after the URL when it is not POST, the only method that works. */
  method?: string | null;
  label?: string;
}

/** Shows a webhook URL in full, or "No URL set" for an unset one. */
export function UrlText({ url, method, label }: UrlTextProps) {
  const shownMethod =
    url !== "" && method && method !== "POST" ? ` (HTTP ${method})` : "";

  return (
    <Box
      component="code"
      aria-label={label}
      sx={{ display: "block", wordBreak: "break-all", fontSize: 13, mt: 0.5 }}
    >
      {url === "" ? "No URL set" : url}
      {shownMethod}
    </Box>
  );
}
