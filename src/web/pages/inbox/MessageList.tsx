import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { Fragment, useMemo } from "react";
import type { InboxNumber } from "../../../common/api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { isSameDay } from "../../format/time";
import { useNow } from "../../hooks/useNow";
import { businessNumberMarks } from "./businessNumbers";
import { DayHeading } from "./DayHeading";
import { MessageBubble } from "./MessageBubble";
import type { useThread } from "./useThread";
import { useThreadScroll } from "./useThreadScroll";

/**
 * Shows the thread's messages grouped by day, scrolled to the newest. When
 * the loaded messages used more than one company number, each shows its
 * own, named as in `numbers`.
 */
export function MessageList({
  thread,
  numbers,
}: {
  thread: ReturnType<typeof useThread>;
  /** The company's inbox numbers, which give each number its name. */
  numbers: InboxNumber[];
}) {
  const { messages } = thread;
  const now = useNow(60_000);
  const scrollRef = useThreadScroll(messages);
  const businessNumbers = useMemo(
    () => businessNumberMarks(messages, numbers),
    [messages, numbers],
  );

  return (
    <Box
      component="section"
      aria-label="Messages"
      ref={scrollRef}
      sx={{ flex: 1, overflowY: "auto", px: { xs: 2, md: 3 }, py: 2 }}
    >
      <ErrorAlert
        error={thread.loaded ? null : thread.error}
        onRetry={() => void thread.reload()}
      />
      {!thread.loaded && !thread.error && <LoadingState />}
      {thread.nextBefore && (
        <Box sx={{ textAlign: "center", mb: 2 }}>
          <Button
            size="small"
            onClick={() => void thread.loadEarlier()}
            loading={thread.loadingEarlier}
          >
            Load earlier messages
          </Button>
        </Box>
      )}
      <ErrorAlert error={thread.earlierError} sx={{ mb: 2 }} />
      {thread.loaded && messages.length === 0 && (
        <Typography color="text.secondary" sx={{ textAlign: "center", mt: 4 }}>
          No messages in this conversation yet.
        </Typography>
      )}
      <Box
        component="ol"
        aria-live="polite"
        aria-relevant="additions"
        sx={{ listStyle: "none", m: 0, p: 0 }}
      >
        {messages.map((message, index) => {
          const previous = messages[index - 1];
          const newDay =
            !previous || !isSameDay(previous.createdAt, message.createdAt);
          return (
            <Fragment key={message.id}>
              {newDay && <DayHeading iso={message.createdAt} now={now} />}
              <MessageBubble
                message={message}
                businessNumber={businessNumbers?.get(message.id) ?? null}
                onRetried={thread.addSent}
              />
            </Fragment>
          );
        })}
      </Box>
    </Box>
  );
}
