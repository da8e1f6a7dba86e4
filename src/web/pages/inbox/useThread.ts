import { useCallback, useMemo, useState } from "react";
import type { Message } from "../../../common/api";
import { toApiError, type ApiError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { useApi } from "../../hooks/useApi";
import { mergeMessages } from "./merge";
import { inboxPollMs } from "./useConversationList";

interface EarlierPages {
  messages: Message[];
  nextBefore: string | null;
}

/**
 * Loads one conversation's messages, oldest first. The latest page is polled so
 * new texts and delivery updates appear; earlier pages load on request.
 * Render the thread with `key={conversationId}` so switching starts afresh.
 */
export function useThread(conversationId: string) {
  const latest = useApi(
    useCallback(() => inboxApi.messages(conversationId), [conversationId]),
    { pollMs: inboxPollMs },
  );
  const [earlier, setEarlier] = useState<EarlierPages | null>(null);
  const [sent, setSent] = useState<Message[]>([]);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<ApiError | null>(null);

  const messages = useMemo(
    () =>
      mergeMessages(earlier?.messages ?? [], sent, latest.data?.messages ?? []),
    [earlier, sent, latest.data],
  );
  const nextBefore = earlier
    ? earlier.nextBefore
    : (latest.data?.nextBefore ?? null);

  const loadEarlier = useCallback(async () => {
    if (!nextBefore) return;

    setLoadingEarlier(true);
    setEarlierError(null);
    try {
      const page = await inboxApi.messages(conversationId, nextBefore);
      setEarlier((current) => ({
        messages: [...page.messages, ...(current?.messages ?? [])],
        nextBefore: page.nextBefore,
      }));
    } catch (error) {
      setEarlierError(toApiError(error));
    } finally {
      setLoadingEarlier(false);
    }
  }, [conversationId, nextBefore]);

  // Shows a sent message at once; the next poll brings its delivery status.
  const reloadLatest = latest.reload;
  const addSent = useCallback(
    (message: Message) => {
      setSent((current) => [...current, message]);
      void reloadLatest();
    },
    [reloadLatest],
  );

  return {
    messages,
    loaded: latest.data !== null,
    error: latest.error,
    reload: reloadLatest,
    nextBefore,
    loadEarlier,
    loadingEarlier,
    earlierError,
    addSent,
  };
}
