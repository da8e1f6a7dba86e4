import { createContext, useContext, useEffect, useRef, useState } from "react";
import type {
  InboxEventConnection,
  InboxEventListener,
} from "./inboxEventConnection";

/** The tab's one live-update connection; null outside the inbox. */
export const InboxEventsContext = createContext<InboxEventConnection | null>(
  null,
);

/** REST poll interval while live updates arrive: only a safety net. */
export const livePollMs = 30_000;
/** REST poll interval while the live-update connection is down. */
export const fallbackPollMs = 3_000;

/** Calls `listener` for every live inbox event while mounted. */
export function useInboxEvents(listener: InboxEventListener): void {
  const connection = useContext(InboxEventsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });

  useEffect(
    () =>
      connection?.onEvent((event, receivedAt) =>
        latest.current(event, receivedAt),
      ),
    [connection],
  );
}

/** Calls `reload` when live events may have been missed, so REST catches up. */
export function useInboxResync(reload: () => void): void {
  const connection = useContext(InboxEventsContext);
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });

  useEffect(() => connection?.onResync(() => latest.current()), [connection]);
}

/**
 * Returns how often to poll the REST API: slowly while live updates
 * arrive, often while their connection is down or missing.
 */
export function useInboxPollMs(): number {
  const connection = useContext(InboxEventsContext);
  const [connected, setConnected] = useState(connection?.isConnected ?? false);

  useEffect(() => {
    if (!connection) return;

    setConnected(connection.isConnected);

    return connection.onStatus(setConnected);
  }, [connection]);

  return connected ? livePollMs : fallbackPollMs;
}
