import { useEffect, useRef } from "react";
import { inboxApi } from "../../api/smsInbox";

/**
 * Marks the open conversation read when it is selected, and again when a
 * poll shows new unread texts in it, since the staff member is looking at it.
 * Calls `onRead` after each success so counts and the tab title refresh.
 */
export function useMarkRead(
  conversationId: string | null,
  unreadCount: number,
  onRead: () => void,
) {
  const inFlight = useRef<string | null>(null);
  const lastMarked = useRef<string | null>(null);

  useEffect(() => {
    if (!conversationId || inFlight.current === conversationId) return;
    const isNewSelection = lastMarked.current !== conversationId;
    if (!isNewSelection && unreadCount === 0) return;
    if (document.visibilityState === "hidden") return;

    inFlight.current = conversationId;
    lastMarked.current = conversationId;
    inboxApi
      .markRead(conversationId)
      .then(onRead)
      .catch(() => {
        // Not fatal: the badge stays, and the next change of the unread
        // count or the selection tries again.
        lastMarked.current = null;
      })
      .finally(() => {
        if (inFlight.current === conversationId) inFlight.current = null;
      });
  }, [conversationId, unreadCount, onRead]);
}
