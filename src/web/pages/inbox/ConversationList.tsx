import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import Typography from "@mui/material/Typography";
import { memo, useEffect, useRef } from "react";
import type { ConversationSummary } from "../../../common/api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useNow } from "../../hooks/useNow";
import { ConversationListItem } from "./ConversationListItem";
import type { useConversationList } from "./useConversationList";
import { useVirtualRows } from "./useVirtualRows";

/** Rows from the end at which the next older page starts loading. */
const LOAD_MORE_THRESHOLD_ROWS = 20;

interface ConversationListProps {
  list: ReturnType<typeof useConversationList>;
  selectedId: string | null;
  /** Shown when the list is empty; null shows nothing, for a caller that
   * explains the empty list itself. */
  emptyText?: string | null;
}

const conversationKey = (conversation: ConversationSummary) => conversation.id;

// Scrolling re-renders the list on every frame. Rows whose conversation,
// selection and clock are unchanged are skipped.
const Row = memo(ConversationListItem);

/**
 * Conversations, newest activity first. Only the rows near the viewport are
 * rendered, and older pages load as the end comes near. "Load more" stays
 * for retrying a failed page and for readers that do not scroll.
 */
export function ConversationList({
  list,
  selectedId,
  emptyText = "Conversations appear here.",
}: ConversationListProps) {
  const now = useNow();
  const scrollRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const { conversations, nextCursor, loadingMore, loadMoreError, loadMore } =
    list;
  const virtual = useVirtualRows({
    items: conversations,
    keyOf: conversationKey,
    scrollRef,
    listRef,
  });

  const nearEnd =
    virtual.lastRenderedIndex >=
    conversations.length - 1 - LOAD_MORE_THRESHOLD_ROWS;
  useEffect(() => {
    if (!nearEnd || !nextCursor || loadingMore || loadMoreError) return;

    void loadMore();
  }, [nearEnd, nextCursor, loadingMore, loadMoreError, loadMore]);

  return (
    <Box
      component="nav"
      aria-label="Conversations"
      ref={scrollRef}
      onKeyDown={virtual.onKeyDown}
      sx={{ flex: 1, overflowY: "auto", minHeight: 0, position: "relative" }}
    >
      <ErrorAlert
        error={list.loaded ? null : list.error}
        onRetry={() => void list.reload()}
        sx={{ mx: 2, mb: 1 }}
      />
      {!list.loaded && !list.error && <LoadingState />}
      {list.loaded && conversations.length === 0 && emptyText !== null && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ px: 2, py: 1 }}
        >
          {emptyText}
        </Typography>
      )}
      <List
        ref={listRef}
        disablePadding
        style={{
          paddingTop: virtual.paddingTop,
          paddingBottom: virtual.paddingBottom,
        }}
      >
        {virtual.rows.map((row) => {
          const conversation = conversations[row.index];
          if (!conversation) return null;

          return (
            <Row
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              now={now}
            />
          );
        })}
      </List>
      <ErrorAlert error={loadMoreError} sx={{ m: 2 }} />
      {nextCursor && (
        <Box sx={{ p: 2, textAlign: "center" }}>
          <Button onClick={() => void loadMore()} loading={loadingMore}>
            Load more
          </Button>
        </Box>
      )}
    </Box>
  );
}
