import ForumIcon from "@mui/icons-material/ForumOutlined";
import Box from "@mui/material/Box";
import { EmptyState } from "../../components/EmptyState";
import { InboxEmptyState } from "./InboxEmptyState";
import { ViewOnlyNotice } from "./ViewOnlyNotice";

interface NoConversationSelectedProps {
  canSend: boolean;
  hasConversations: boolean;
}

/** Fills the right pane until a conversation is opened. */
export function NoConversationSelected(props: NoConversationSelectedProps) {
  return (
    <Box sx={{ display: "flex", flexDirection: "column", flex: 1 }}>
      {props.hasConversations ? (
        <EmptyState
          icon={<ForumIcon fontSize="inherit" />}
          title="Select a conversation"
        >
          Pick a conversation on the left to read and reply.
        </EmptyState>
      ) : (
        <InboxEmptyState />
      )}
      {!props.canSend && (
        <Box sx={{ p: 2 }}>
          <ViewOnlyNotice />
        </Box>
      )}
    </Box>
  );
}
