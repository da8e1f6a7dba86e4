import { useCallback, useMemo, useState } from "react";
import type { ConversationSummary } from "../../../common/api";
import { toApiError, type ApiError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { useApi } from "../../hooks/useApi";
import { mergeConversations } from "./merge";

/** How often the inbox polls for new texts, until live updates replace polling. */
export const inboxPollMs = 3000;

interface OlderPages {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/**
 * Loads the conversation list. The newest page is polled, "Load more" adds
 * older pages, and a conversation changed by a send shows at once. The
 * newest page wins over older copies of the same conversation.
 */
export function useConversationList() {
  const newest = useApi(
    useCallback(() => inboxApi.conversations(), []),
    { pollMs: inboxPollMs },
  );
  const [older, setOlder] = useState<OlderPages | null>(null);
  const [local, setLocal] = useState<ConversationSummary[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | null>(null);

  const conversations = useMemo(
    () =>
      mergeConversations(
        older?.conversations ?? [],
        local,
        newest.data?.conversations ?? [],
      ),
    [older, local, newest.data],
  );
  const nextCursor = older
    ? older.nextCursor
    : (newest.data?.nextCursor ?? null);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;

    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      const page = await inboxApi.conversations(nextCursor);
      setOlder((current) => ({
        conversations: [
          ...(current?.conversations ?? []),
          ...page.conversations,
        ],
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      setLoadMoreError(toApiError(error));
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor]);

  // A sent message moves its conversation to the top before the next poll.
  const reloadNewest = newest.reload;
  const upsert = useCallback(
    (conversation: ConversationSummary) => {
      setLocal((current) => [
        ...current.filter((item) => item.id !== conversation.id),
        conversation,
      ]);
      void reloadNewest();
    },
    [reloadNewest],
  );

  return {
    conversations,
    loaded: newest.data !== null,
    error: newest.error,
    reload: reloadNewest,
    nextCursor,
    loadMore,
    loadingMore,
    loadMoreError,
    upsert,
  };
}
