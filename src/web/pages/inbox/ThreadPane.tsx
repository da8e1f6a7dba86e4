import Box from "@mui/material/Box";
import { useCallback } from "react";
import type {
  ConversationSummary,
  InboxNumber,
  SendResult,
} from "../../../common/api";
import { inboxApi } from "../../api/smsInbox";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../hooks/useApi";
import { MessageList } from "./MessageList";
import { OptOutNotice } from "./OptOutNotice";
import { ReplyBox } from "./ReplyBox";
import { ThreadHeader } from "./ThreadHeader";
import { useThread } from "./useThread";
import { ViewOnlyNotice } from "./ViewOnlyNotice";

interface ThreadPaneProps {
  conversationId: string;
  /** The conversation from the polled list, when it is loaded there. */
  summary: ConversationSummary | undefined;
  canSend: boolean;
  numbers: InboxNumber[];
  /** Receives the conversation's new summary after a send or a change of customer. */
  onSent(conversation: ConversationSummary): void;
}

/** Shows the open conversation: header, messages and the reply box. */
export function ThreadPane(props: ThreadPaneProps) {
  const { conversationId, summary, canSend, numbers, onSent } = props;
  const thread = useThread(conversationId);
  // Conversations beyond the loaded list pages are fetched on their own.
  const fetched = useApi(
    useCallback(() => inboxApi.conversation(conversationId), [conversationId]),
  );
  const conversation = summary ?? fetched.data ?? undefined;

  const { addSent } = thread;
  const handleSent = useCallback(
    (result: SendResult) => {
      addSent(result.message);
      onSent(result.conversation);
    },
    [addSent, onSent],
  );

  const optedOut = conversation?.optOut.optedOut === true;

  if (fetched.error?.status === 404) {
    return <ErrorAlert error={fetched.error} sx={{ m: 3 }} />;
  }

  return (
    <Box
      sx={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}
    >
      <ThreadHeader
        conversation={conversation}
        numbers={numbers}
        onCustomerChanged={onSent}
      />
      <MessageList thread={thread} numbers={numbers} />
      <Box
        sx={{
          borderTop: 1,
          borderColor: "divider",
          bgcolor: "background.paper",
          p: 2,
        }}
      >
        {canSend ? (
          <>
            {conversation && optedOut && (
              <OptOutNotice conversation={conversation} />
            )}
            <ReplyBox
              conversationId={conversationId}
              onSent={handleSent}
              disabled={optedOut}
            />
          </>
        ) : (
          <ViewOnlyNotice />
        )}
      </Box>
    </Box>
  );
}
