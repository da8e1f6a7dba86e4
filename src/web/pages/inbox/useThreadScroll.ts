import { useLayoutEffect, useRef } from "react";
import type { Message } from "../../../common/api";

/** Distance from the bottom, in pixels, that still counts as "at the bottom". */
const stickThreshold = 120;

interface ScrollSnapshot {
  firstId: string;
  lastId: string;
  scrollHeight: number;
  atBottom: boolean;
}

function distanceFromBottom(element: HTMLElement): number {
  return element.scrollHeight - element.scrollTop - element.clientHeight;
}

/**
 * Keeps the thread scrolled like a chat. It shows the newest message on
 * open, when a message arrives while the reader is at the bottom, and after
 * an outbound message. Loading earlier messages keeps the view in place.
 */
export function useThreadScroll(messages: Message[]) {
  const ref = useRef<HTMLElement>(null);
  const snapshot = useRef<ScrollSnapshot>({
    firstId: "",
    lastId: "",
    scrollHeight: 0,
    atBottom: true,
  });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;

    const first = messages[0];
    const last = messages[messages.length - 1];
    const before = snapshot.current;
    const newLast = (last?.id ?? "") !== before.lastId;

    if ((first?.id ?? "") !== before.firstId && !newLast) {
      // Earlier messages were added above: keep the same message in view.
      element.scrollTop += element.scrollHeight - before.scrollHeight;
    } else if (newLast && (before.atBottom || last?.direction === "outbound")) {
      element.scrollTop = element.scrollHeight;
    }

    snapshot.current = {
      firstId: first?.id ?? "",
      lastId: last?.id ?? "",
      scrollHeight: element.scrollHeight,
      atBottom: distanceFromBottom(element) < stickThreshold,
    };
  }, [messages]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;

    const handleScroll = () => {
      snapshot.current.atBottom = distanceFromBottom(element) < stickThreshold;
      snapshot.current.scrollHeight = element.scrollHeight;
    };
    // Images load after the layout above, and each one that arrives makes
    // the thread taller, so a reader at the bottom is kept there.
    const handleLoad = () => {
      if (snapshot.current.atBottom) element.scrollTop = element.scrollHeight;
      snapshot.current.scrollHeight = element.scrollHeight;
    };
    element.addEventListener("scroll", handleScroll, { passive: true });
    // `load` does not bubble, so it is caught on the way down.
    element.addEventListener("load", handleLoad, true);

    return () => {
      element.removeEventListener("scroll", handleScroll);
      element.removeEventListener("load", handleLoad, true);
    };
  }, []);

  return ref;
}
