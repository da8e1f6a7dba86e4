import Typography from "@mui/material/Typography";
import type { Message } from "../../../common/api";
import { formatClockTime, formatFullTime } from "../../format/time";

interface RetryNoticeProps {
  retrying: NonNullable<Message["retrying"]>;
}

/**
 * Explains why an outbound text is still queued: its last attempt failed,
 * and the server tries again at the time shown.
 */
export function RetryNotice({ retrying }: RetryNoticeProps) {
  const attempts =
    retrying.attempts === 1
      ? "The first attempt"
      : `${retrying.attempts} attempts`;

  return (
    <Typography
      variant="caption"
      color="warning.dark"
      sx={{
        mt: 0.25,
        px: 0.5,
        maxWidth: { xs: "85%", md: "70%" },
        textAlign: "right",
      }}
    >
      Not sent yet: {attempts} failed. {retrying.lastError} Trying again at{" "}
      <time
        dateTime={retrying.nextAttemptAt}
        title={formatFullTime(retrying.nextAttemptAt)}
      >
        {formatClockTime(retrying.nextAttemptAt)}
      </time>
      .
    </Typography>
  );
}
