import Box from "@mui/material/Box";
import { alpha, type Theme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import type { Message } from "../../../common/api";
import { formatClockTime, formatFullTime } from "../../format/time";
import { BusinessNumberLabel } from "./BusinessNumberLabel";
import type { BusinessNumberMark } from "./businessNumbers";
import { DeliveryStatus, isFailedStatus } from "./DeliveryStatus";
import { MessageError } from "./MessageError";
import { MessageMedia } from "./MessageMedia";
import { RetryNotice } from "./RetryNotice";

function bubbleColour(theme: Theme, outbound: boolean, failed: boolean) {
  if (failed) return alpha(theme.palette.error.main, 0.06);

  return outbound ? theme.palette.primary.main : theme.palette.background.paper;
}

interface MessageBubbleProps {
  message: Message;
  /** The company number to show; null in a thread that used one number. */
  businessNumber: BusinessNumberMark | null;
  onRetried(message: Message): void;
}

/**
 * Shows one text: inbound on the left, outbound on the right with status,
 * and the company number it used when `businessNumber` is set.
 */
export function MessageBubble(props: MessageBubbleProps) {
  const { message, businessNumber, onRetried } = props;
  const outbound = message.direction === "outbound";
  const failed = outbound && isFailedStatus(message.status);

  return (
    <Box
      component="li"
      sx={{
        display: "flex",
        flexDirection: "column",
        alignItems: outbound ? "flex-end" : "flex-start",
        mb: 1.5,
      }}
    >
      <Box
        sx={{
          maxWidth: { xs: "85%", md: "70%" },
          px: 1.75,
          py: 1,
          borderRadius: 2.5,
          borderBottomRightRadius: outbound ? 6 : undefined,
          borderBottomLeftRadius: outbound ? undefined : 6,
          bgcolor: (theme) => bubbleColour(theme, outbound, failed),
          color: outbound && !failed ? "primary.contrastText" : "text.primary",
          border: outbound && !failed ? 0 : 1,
          borderColor: failed ? "error.light" : "divider",
          whiteSpace: "pre-wrap",
          overflowWrap: "anywhere",
        }}
      >
        {message.body && <Typography>{message.body}</Typography>}
        <MessageMedia media={message.media} />
      </Box>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{
          display: "flex",
          flexWrap: "wrap",
          justifyContent: outbound ? "flex-end" : "flex-start",
          alignItems: "center",
          columnGap: 0.75,
          mt: 0.5,
          px: 0.5,
        }}
      >
        <time
          dateTime={message.createdAt}
          title={formatFullTime(message.createdAt)}
        >
          {formatClockTime(message.createdAt)}
        </time>
        {message.sentBy && <span>· {message.sentBy.name}</span>}
        {businessNumber && (
          <BusinessNumberLabel
            direction={message.direction}
            mark={businessNumber}
          />
        )}
        {outbound && (
          <DeliveryStatus
            status={message.status}
            retrying={message.retrying !== null}
          />
        )}
      </Typography>
      {failed && <MessageError message={message} onRetried={onRetried} />}
      {outbound && !failed && message.retrying && (
        <RetryNotice retrying={message.retrying} />
      )}
    </Box>
  );
}
