import { useCallback, useEffect, useState } from "react";
import type {
  ConversationPage,
  ConversationSummary,
  InboxEvent,
} from "../../../common/api";
import { SEARCH_MIN_LENGTH } from "../../../common/search-api";
import { toApiError, type ApiError } from "../../api/ApiError";
import { query, request } from "../../api/client";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { useInboxEvents } from "./live/inboxEventsContext";
import { mergeConversations } from "./merge";
import type { useConversationList } from "./useConversationList";

/** Wait after the last keystroke before searching, in milliseconds. */
const SEARCH_DELAY_MS = 300;

type ConversationListState = ReturnType<typeof useConversationList>;

function searchConversations(text: string, cursor: string | null) {
  return request<ConversationPage>(
    "GET",
    `/api/plugins/${SMS_INBOX_PLUGIN_ID}/conversations${query({ q: text, cursor })}`,
  );
}

/** Returns the search text with runs of whitespace collapsed, as the server reads it. */
function normalise(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

interface Results {
  text: string;
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/**
 * Holds the inbox search box and its results. `list` has the shape of
 * useConversationList's result, so the conversation list renders search
 * results unchanged. It is null while fewer than SEARCH_MIN_LENGTH
 * characters are typed, and then the normal list shows.
 */
export function useInboxSearch() {
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const timer = setTimeout(
      () => setSubmitted(normalise(text)),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text]);

  const active = Array.from(submitted).length >= SEARCH_MIN_LENGTH;

  useEffect(() => {
    if (!active) {
      setResults(null);
      setError(null);
      return;
    }

    let current = true;
    setError(null);
    searchConversations(submitted, null).then(
      (page) => {
        if (current) setResults({ text: submitted, ...page });
      },
      (failure: unknown) => {
        if (current) setError(toApiError(failure));
      },
    );

    return () => {
      current = false;
    };
  }, [active, submitted, attempt]);

  const nextCursor = results?.nextCursor ?? null;
  const loadMore = useCallback(async () => {
    if (!results || !nextCursor) return;

    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      const page = await searchConversations(results.text, nextCursor);
      setResults((shown) =>
        shown && shown.text === results.text
          ? {
              text: shown.text,
              conversations: [...shown.conversations, ...page.conversations],
              nextCursor: page.nextCursor,
            }
          : shown,
      );
    } catch (failure) {
      setLoadMoreError(toApiError(failure));
    } finally {
      setLoadingMore(false);
    }
  }, [results, nextCursor]);

  const reload = useCallback(async () => {
    setAttempt((count) => count + 1);
  }, []);

  // A sent text or a live update replaces a shown result and moves it by
  // its new activity time. A conversation that is not shown stays out,
  // because only the server can tell whether it matches the search.
  const upsert = useCallback((conversation: ConversationSummary) => {
    setResults((shown) =>
      shown?.conversations.some((item) => item.id === conversation.id)
        ? {
            ...shown,
            conversations: mergeConversations(shown.conversations, [
              conversation,
            ]),
          }
        : shown,
    );
  }, []);
  useInboxEvents(
    useCallback((event: InboxEvent) => upsert(event.conversation), [upsert]),
  );

  const loaded = results !== null && results.text === submitted;
  const list: ConversationListState | null = active
    ? {
        conversations: loaded ? results.conversations : [],
        loaded,
        error,
        reload,
        nextCursor: loaded ? nextCursor : null,
        loadMore,
        loadingMore,
        loadMoreError,
        upsert,
      }
    : null;

  return {
    text,
    setText,
    /** The text the shown results are for, once they have loaded. */
    resultsText: loaded ? results.text : null,
    resultCount: loaded ? results.conversations.length : 0,
    tooShort:
      normalise(text) !== "" &&
      Array.from(normalise(text)).length < SEARCH_MIN_LENGTH,
    list,
  };
}
