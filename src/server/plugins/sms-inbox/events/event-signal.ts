type Listener = () => void;

// One process-wide set of listeners per company. Company ids are random
// UUIDs, so apps of several tests in one process never wake each other's
// streams, and a stray wake would only cost the stream one read.
const listeners = new Map<string, Set<Listener>>();

/**
 * Wakes this process's open streams of the company, so they read the event
 * log now instead of at their next poll. Streams of other processes find
 * the events on their next poll.
 */
export function notifyInboxEvents(companyId: string): void {
  for (const listener of listeners.get(companyId) ?? []) listener();
}

/**
 * Calls `listener` on every notifyInboxEvents(companyId) until the returned
 * function is called. The listener runs inside the writer's call, so it
 * must not throw and must not wait.
 */
export function onInboxEvents(
  companyId: string,
  listener: Listener,
): () => void {
  let set = listeners.get(companyId);
  if (!set) {
    set = new Set();
    listeners.set(companyId, set);
  }
  set.add(listener);

  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(companyId) === set) {
      listeners.delete(companyId);
    }
  };
}
