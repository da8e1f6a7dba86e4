import Alert from "@mui/material/Alert";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import type { TwilioConnection } from "../../../common/api";
import { formatEventTime, formatFullTime } from "../../format/time";
import { useNow } from "../../hooks/useNow";

/**
 * Shows whether Twilio is connected, and when the server's last check found
 * the saved credentials rejected, what to do about it.
 */
export function TwilioConnectionBadge({
  connection,
}: {
  connection: TwilioConnection;
}) {
  const now = useNow(60_000);
  const rejectedAt = connection.connected
    ? connection.credentialsRejectedAt
    : null;
  if (rejectedAt === null) {
    return (
      <Chip
        label={connection.connected ? "Connected" : "Not connected"}
        color={connection.connected ? "success" : "default"}
        variant="outlined"
        sx={{ alignSelf: "flex-start" }}
      />
    );
  }

  return (
    <Stack spacing={1.5}>
      <Chip
        label="Rejected by Twilio"
        color="error"
        variant="outlined"
        sx={{ alignSelf: "flex-start" }}
      />
      <Alert severity="error" aria-label="Twilio credentials rejected">
        Twilio rejected the saved Account SID and auth token when they were
        checked{" "}
        <time dateTime={rejectedAt} title={formatFullTime(rejectedAt)}>
          {formatEventTime(rejectedAt, now)}
        </time>
        . Texts cannot be sent until they are fixed. Copy the current auth token
        from the Twilio Console, enter it below and save.
      </Alert>
    </Stack>
  );
}
