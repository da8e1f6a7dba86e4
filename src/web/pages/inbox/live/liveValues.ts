import { useCallback, useState } from "react";
import type { InboxEvent } from "../../../../common/api";
import { useInboxEvents } from "./inboxEventsContext";

/** A value from a live event, with the time the event arrived. */
export interface Stamped<T> {
  value: T;
  receivedAt: number;
}

/** A REST response, with the time its request started. */
export interface Snapshot<T> {
  value: T;
  startedAt: number;
}

/** Runs `load` and stamps its result with the time the request started. */
export async function loadSnapshot<T>(
  load: () => Promise<T>,
): Promise<Snapshot<T>> {
  const startedAt = Date.now();

  return { value: await load(), startedAt };
}

/**
 * Splits live values by a REST snapshot. A request that started after an
 * event arrived read the server's state after that event was sent, so the
 * snapshot wins over it ("before"). A live value that arrived after the
 * request started may be newer than the snapshot, so it wins ("after").
 * Without a snapshot every live value is "after".
 */
export function splitBySnapshot<T>(
  live: ReadonlyMap<string, Stamped<T>>,
  snapshotStartedAt: number | null,
): { before: T[]; after: T[] } {
  const before: T[] = [];
  const after: T[] = [];
  for (const { value, receivedAt } of live.values()) {
    const isOlder =
      snapshotStartedAt !== null && receivedAt < snapshotStartedAt;
    (isOlder ? before : after).push(value);
  }

  return { before, after };
}

/**
 * Keeps the latest value of each key that live events carry. `select`
 * returns the key and value an event carries, or null to ignore it; pass a
 * memoized function.
 */
export function useLiveValues<T>(
  select: (event: InboxEvent) => [key: string, value: T] | null,
): ReadonlyMap<string, Stamped<T>> {
  const [live, setLive] = useState<ReadonlyMap<string, Stamped<T>>>(
    () => new Map(),
  );

  useInboxEvents(
    useCallback(
      (event: InboxEvent, receivedAt: number) => {
        const selected = select(event);
        if (!selected) return;

        const [key, value] = selected;
        setLive((current) => new Map(current).set(key, { value, receivedAt }));
      },
      [select],
    ),
  );

  return live;
}
