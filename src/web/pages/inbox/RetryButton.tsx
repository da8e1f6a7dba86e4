import ReplayIcon from "@mui/icons-material/Replay";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useEffect, useRef } from "react";
import type { Message } from "../../../common/api";
import { inboxApi } from "../../api/smsInbox";
import { useSubmit } from "../../hooks/useSubmit";

interface RetryButtonProps {
  messageId: string;
  onRetried(message: Message): void;
}

/**
 * Queues a failed message again. The server returns 409 when a retry
 * cannot help (the customer opted out, the number is invalid), and that
 * message is shown under the button.
 */
export function RetryButton({ messageId, onRetried }: RetryButtonProps) {
  const { run, pending, error } = useSubmit();
  const errorRef = useRef<HTMLSpanElement>(null);

  // The last message's error can open below the visible part of the thread.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: "nearest" });
  }, [error]);

  const retry = () => {
    void run(async () => {
      onRetried(await inboxApi.retryMessage(messageId));
    });
  };

  return (
    <Box sx={{ textAlign: "right" }}>
      <Button
        size="small"
        variant="outlined"
        color="error"
        startIcon={<ReplayIcon />}
        loading={pending}
        onClick={retry}
      >
        Retry
      </Button>
      {error && (
        <Typography
          variant="caption"
          color="error"
          role="alert"
          ref={errorRef}
          sx={{ display: "block", mt: 0.5 }}
        >
          {error.message}
        </Typography>
      )}
    </Box>
  );
}
