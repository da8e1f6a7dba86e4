import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import type { Message } from "../../../common/api";
import { RetryButton } from "./RetryButton";

interface MessageErrorProps {
  message: Message;
  onRetried(message: Message): void;
}

/**
 * Why an outbound message failed: Twilio's error code, linked to Twilio's
 * page about it, and the plain-language message, with "Retry" when sending
 * again can help.
 */
export function MessageError({ message, onRetried }: MessageErrorProps) {
  const { errorCode } = message;
  const text = message.errorMessage ?? "Twilio did not say why.";

  return (
    <Box
      sx={{
        display: "flex",
        flexDirection: "column",
        alignItems: "flex-end",
        gap: 0.5,
        mt: 0.25,
        px: 0.5,
        maxWidth: { xs: "85%", md: "70%" },
      }}
    >
      <Typography variant="caption" color="error" sx={{ textAlign: "right" }}>
        {errorCode !== null && (
          <>
            <Link
              href={`https://www.twilio.com/docs/api/errors/${errorCode}`}
              target="_blank"
              rel="noreferrer"
              color="inherit"
              sx={{ fontWeight: 600 }}
            >
              Error {errorCode}
            </Link>
            {": "}
          </>
        )}
        {text}
      </Typography>
      {message.retryable === true && (
        <RetryButton messageId={message.id} onRetried={onRetried} />
      )}
    </Box>
  );
}
