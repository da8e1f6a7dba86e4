import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import Typography from "@mui/material/Typography";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useNow } from "../../hooks/useNow";
import { ConversationListItem } from "./ConversationListItem";
import type { useConversationList } from "./useConversationList";

interface ConversationListProps {
  list: ReturnType<typeof useConversationList>;
  selectedId: string | null;
}

/** Conversations, newest activity first, with "Load more" for older ones. */
export function ConversationList({ list, selectedId }: ConversationListProps) {
  const now = useNow();

  return (
    <Box
      component="nav"
      aria-label="Conversations"
      sx={{ flex: 1, overflowY: "auto", minHeight: 0 }}
    >
      <ErrorAlert
        error={list.loaded ? null : list.error}
        onRetry={() => void list.reload()}
        sx={{ mx: 2, mb: 1 }}
      />
      {!list.loaded && !list.error && <LoadingState />}
      {list.loaded && list.conversations.length === 0 && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ px: 2, py: 1 }}
        >
          Conversations appear here.
        </Typography>
      )}
      <List disablePadding>
        {list.conversations.map((conversation) => (
          <ConversationListItem
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === selectedId}
            now={now}
          />
        ))}
      </List>
      <ErrorAlert error={list.loadMoreError} sx={{ m: 2 }} />
      {list.nextCursor && (
        <Box sx={{ p: 2, textAlign: "center" }}>
          <Button
            onClick={() => void list.loadMore()}
            loading={list.loadingMore}
          >
            Load more
          </Button>
        </Box>
      )}
    </Box>
  );
}
