import { useCallback, useMemo, useState } from "react";
import type { InboxEvent, Message } from "../../../common/api";
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
import { mergeMessages } from "./merge";

interface EarlierPages {
  messages: Message[];
  nextBefore: string | null;
}

/**
 * Loads one conversation's messages, oldest first. Live events add new
 * texts and delivery updates, the latest page is polled as a safety net,
 * and earlier pages load on request. Render the thread with
 * `key={conversationId}` so switching starts afresh.
 */
export function useThread(conversationId: string) {
  const latest = useApi(
    useCallback(
      () => loadSnapshot(() => inboxApi.messages(conversationId)),
      [conversationId],
    ),
    { pollMs: useInboxPollMs() },
  );
  const live = useLiveValues(
    useCallback(
      (event: InboxEvent): [string, Message] | null =>
        event.message?.conversationId === conversationId
          ? [event.message.id, event.message]
          : null,
      [conversationId],
    ),
  );
  const [earlier, setEarlier] = useState<EarlierPages | null>(null);
  const [sent, setSent] = useState<Message[]>([]);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<ApiError | null>(null);

  const nextBefore = earlier
    ? earlier.nextBefore
    : (latest.data?.value.nextBefore ?? null);
  const messages = useMemo(() => {
    const loaded = [
      ...(earlier?.messages ?? []),
      ...(latest.data?.value.messages ?? []),
    ];
    const { before, after } = splitBySnapshot(
      live,
      latest.data?.startedAt ?? null,
    );
    const inRange = (items: Message[]) =>
      keepWithinLoaded(items, loaded, nextBefore !== null, createdAt);

    return mergeMessages(
      earlier?.messages ?? [],
      sent,
      inRange(before),
      latest.data?.value.messages ?? [],
      inRange(after),
    );
  }, [earlier, sent, live, latest.data, nextBefore]);

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

  // Live events may have been missed, so the latest page loads again.
  const reloadLatest = latest.reload;
  useInboxResync(reloadLatest);

  // Shows a sent message at once; live events bring its delivery status.
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

function createdAt(message: Message): string {
  return message.createdAt;
}
