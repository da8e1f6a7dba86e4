import Alert, { alertClasses } from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import type { SxProps, Theme } from "@mui/material/styles";
import { useCallback, type ReactNode } from "react";
import type {
  WebhookAlerts,
  WebhookCheckProblem,
} from "../../../common/webhook-health-api";
import { formatPhoneNumber } from "../../../common/phone";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { useApi } from "../../hooks/useApi";
import { webhookHealthApi } from "../sms-setup/webhookHealthApi";
import { webhookStateLabels } from "../sms-setup/webhookStates";
import { useWebhookAlertReloads } from "./useWebhookAlertReloads";

const SETUP_PATH = "/plugins/sms-chat/setup";
/** The page with the Twilio connection form. */
const TWILIO_SETTINGS_PATH = "/settings";

/**
 * Moves an alert's action below its text when the alert is too narrow for
 * both side by side, as on phones, so the button does not squeeze the text
 * into a narrow column. The text keeps at least 240 px beside the icon.
 */
const wrapActionSx: SxProps<Theme> = {
  flexWrap: "wrap",
  [`& .${alertClasses.message}`]: { flex: "1 1 240px" },
};

interface WebhookAlertBannerProps {
  sx?: SxProps<Theme>;
}

/**
 * Warns staff who can fix it (Manage company) that texts to some inbox
 * numbers do not arrive because of their webhook on Twilio, that Twilio
 * rejected the saved credentials, or, quietly, that the last check could
 * not run. Other staff see nothing, and no request is made for them.
 */
export function WebhookAlertBanner({ sx }: WebhookAlertBannerProps) {
  const me = useMe();
  if (!hasPermission(me, permissions.manageCompany)) return null;

  return <ManagerBanner sx={sx} />;
}

function ManagerBanner({ sx }: WebhookAlertBannerProps) {
  const alerts = useApi(useCallback(() => webhookHealthApi.alerts(), []));
  useWebhookAlertReloads(alerts.reload);
  const numbers = alerts.data?.numbers ?? [];
  const problem = alerts.data?.checkProblem ?? null;
  if (numbers.length === 0 && problem === null) return null;

  return (
    <Stack spacing={1} sx={sx}>
      {problem?.kind === "credentials_rejected" && (
        <CredentialsAlert problem={problem} />
      )}
      {numbers.length > 0 && <NumbersAlert numbers={numbers} />}
      {problem?.kind === "check_failed" && <CheckNote problem={problem} />}
    </Stack>
  );
}

function CredentialsAlert({ problem }: { problem: WebhookCheckProblem }) {
  return (
    <Alert
      severity="error"
      aria-label="Twilio credentials rejected"
      sx={wrapActionSx}
      action={
        <AlertLinkButton href={TWILIO_SETTINGS_PATH}>
          Open Twilio settings
        </AlertLinkButton>
      }
    >
      <AlertTitle>Twilio rejected the saved credentials</AlertTitle>
      {problem.message}
    </Alert>
  );
}

function NumbersAlert({ numbers }: Pick<WebhookAlerts, "numbers">) {
  return (
    <Alert
      severity="warning"
      aria-label="Webhook problem"
      sx={wrapActionSx}
      action={<AlertLinkButton href={SETUP_PATH}>Open setup</AlertLinkButton>}
    >
      <AlertTitle>Texts to some numbers may not reach the inbox</AlertTitle>
      {numbers.map((number) => (
        <div key={number.phoneNumber}>
          {formatPhoneNumber(number.phoneNumber)}:{" "}
          {webhookStateLabels[number.state].label}
        </div>
      ))}
    </Alert>
  );
}

/** Shows a quiet note, because a check that did not run proves nothing wrong. */
function CheckNote({ problem }: { problem: WebhookCheckProblem }) {
  return (
    <Alert
      severity="info"
      variant="outlined"
      aria-label="Webhook check did not run"
      sx={wrapActionSx}
      action={<AlertLinkButton href={SETUP_PATH}>Open setup</AlertLinkButton>}
    >
      {problem.message}
    </Alert>
  );
}

/** Renders a link button inside an alert, kept on one line. */
function AlertLinkButton({
  href,
  children,
}: {
  href: string;
  children: ReactNode;
}) {
  return (
    <Button
      color="inherit"
      size="small"
      sx={{ whiteSpace: "nowrap" }}
      href={href}
    >
      {children}
    </Button>
  );
}
