import { useCallback, useMemo, useState } from "react";
import type { ConversationSummary, InboxEvent } from "../../../common/api";
import { toApiError, type ApiError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { useApi } from "../../hooks/useApi";
import { useInboxPollMs, useInboxResync } from "./live/inboxEventsContext";
import { keepWithinLoaded } from "./live/loadedRange";
import {
  loadSnapshot,
  splitBySnapshot,
  useLiveValues,
} from "./live/liveValues";
import { mergeConversations } from "./merge";

const selectConversation = (
  event: InboxEvent,
): [string, ConversationSummary] => [event.conversation.id, event.conversation];

interface OlderPages {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/**
 * Loads the conversation list. Live events update it, the newest page is
 * polled as a safety net, "Load more" adds older pages, and a conversation
 * changed by a send shows at once. The freshest copy of a conversation wins.
 */
export function useConversationList() {
  const newest = useApi(
    useCallback(() => loadSnapshot(() => inboxApi.conversations()), []),
    { pollMs: useInboxPollMs() },
  );
  const live = useLiveValues(selectConversation);
  const [older, setOlder] = useState<OlderPages | null>(null);
  const [local, setLocal] = useState<ConversationSummary[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | null>(null);

  const nextCursor = older
    ? older.nextCursor
    : (newest.data?.value.nextCursor ?? null);
  const conversations = useMemo(() => {
    const loaded = [
      ...(older?.conversations ?? []),
      ...(newest.data?.value.conversations ?? []),
    ];
    const { before, after } = splitBySnapshot(
      live,
      newest.data?.startedAt ?? null,
    );
    const inRange = (items: ConversationSummary[]) =>
      keepWithinLoaded(items, loaded, nextCursor !== null, lastMessageAt);

    return mergeConversations(
      older?.conversations ?? [],
      local,
      inRange(before),
      newest.data?.value.conversations ?? [],
      inRange(after),
    );
  }, [older, local, live, newest.data, nextCursor]);

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

  // Live events may have been missed, so the newest page loads again.
  const reloadNewest = newest.reload;
  useInboxResync(reloadNewest);

  // A sent message moves its conversation to the top before its event.
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

function lastMessageAt(conversation: ConversationSummary): string {
  return conversation.lastMessageAt;
}
