import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import type { SxProps, Theme } from "@mui/material/styles";
import { useCallback } from "react";
import { formatPhoneNumber } from "../../../common/phone";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { useApi } from "../../hooks/useApi";
import { webhookHealthApi } from "../sms-setup/webhookHealthApi";
import { webhookStateLabels } from "../sms-setup/webhookStates";

/** The server returns its stored check without calling Twilio, so polling is cheap. */
const ALERT_POLL_MS = 5 * 60 * 1000;

interface WebhookAlertBannerProps {
  sx?: SxProps<Theme>;
}

/**
 * Warns staff who can fix it (Manage company) that texts to some inbox
 * numbers do not arrive because of their webhook on Twilio. Other staff
 * see nothing, and no request is made for them.
 */
export function WebhookAlertBanner({ sx }: WebhookAlertBannerProps) {
  const me = useMe();
  if (!hasPermission(me, permissions.manageCompany)) return null;

  return <ManagerBanner sx={sx} />;
}

function ManagerBanner({ sx }: WebhookAlertBannerProps) {
  const alerts = useApi(
    useCallback(() => webhookHealthApi.alerts(), []),
    { pollMs: ALERT_POLL_MS },
  );
  const numbers = alerts.data?.numbers ?? [];
  if (numbers.length === 0) return null;

  return (
    <Alert
      severity="warning"
      sx={sx}
      aria-label="Webhook problem"
      action={
        <Button color="inherit" size="small" href="/plugins/sms-chat/setup">
          Open setup
        </Button>
      }
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
