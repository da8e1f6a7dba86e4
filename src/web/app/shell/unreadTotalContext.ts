import { createContext, useContext, useLayoutEffect } from "react";

export interface UnreadTotalContextValue {
  /** The staff member's unread texts across the inbox; null when unknown. */
  total: number | null;
  /**
   * Takes the count from the inbox page while it is open, so the shell
   * stops its own poll. Returns a function that hands polling back.
   */
  claim(): () => void;
  /** Stores the count the open inbox page shows. */
  report(total: number | null): void;
}

export const UnreadTotalContext = createContext<UnreadTotalContextValue | null>(
  null,
);

/** Returns the inbox's unread count; null outside the app shell or unknown. */
export function useUnreadTotal(): number | null {
  return useContext(UnreadTotalContext)?.total ?? null;
}

/**
 * Shares the inbox page's own unread count, kept current by its live
 * updates, with the menu badge and the tab title while the page is open.
 */
export function useShareUnreadTotal(total: number | null): void {
  const context = useContext(UnreadTotalContext);

  // A layout effect runs before the shell's passive effects, so the shell
  // does not send its own request when the app opens on the inbox.
  useLayoutEffect(() => context?.claim(), [context]);
  useLayoutEffect(() => context?.report(total), [context, total]);
}
