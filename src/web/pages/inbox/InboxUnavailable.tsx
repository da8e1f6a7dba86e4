import InboxIcon from "@mui/icons-material/InboxOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import type { ApiError } from "../../api/ApiError";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";

const unavailableCodes = new Set([
  "plugin_not_enabled",
  "plugin_not_installed",
]);

interface InboxUnavailableProps {
  error: ApiError;
  onRetry(): void;
}

/** Explains why the inbox cannot open: not installed, not enabled, or down. */
export function InboxUnavailable({ error, onRetry }: InboxUnavailableProps) {
  const me = useMe();

  if (!unavailableCodes.has(error.code)) {
    return (
      <Box sx={{ p: 3, flex: 1 }}>
        <ErrorAlert error={error} onRetry={onRetry} />
      </Box>
    );
  }

  const canManage = hasPermission(me, permissions.manageCompany);
  return (
    <EmptyState
      icon={<InboxIcon fontSize="inherit" />}
      title="Inbox unavailable"
    >
      <p>{error.message}</p>
      {canManage && error.code === "plugin_not_enabled" && (
        <Button href="/plugins/sms-chat/setup" variant="contained">
          Choose locations
        </Button>
      )}
      {canManage && error.code === "plugin_not_installed" && (
        <Button href="/plugins" variant="contained">
          Open plugins
        </Button>
      )}
    </EmptyState>
  );
}
