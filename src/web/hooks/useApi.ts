import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError, type ApiError } from "../api/ApiError";

export interface UseApiOptions {
  /** Loads again every this many milliseconds while the tab is visible. */
  pollMs?: number;
}

export interface UseApiResult<T> {
  /** The last loaded value; kept while a later poll fails. */
  data: T | null;
  /** The error of the last load, cleared by the next successful one. */
  error: ApiError | null;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads data from the API when `load` changes and, with `pollMs`, keeps it
 * fresh. Pass a memoized `load`: a new function starts over with no data.
 * A response older than one already shown is dropped, so a slow poll never
 * overwrites newer data, and responses of an earlier `load` are ignored.
 */
export function useApi<T>(
  load: () => Promise<T>,
  options: UseApiOptions = {},
): UseApiResult<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const lastStarted = useRef(0);
  const lastApplied = useRef(0);
  const generationStart = useRef(0);
  const pending = useRef(0);

  const run = useCallback(async () => {
    const sequence = ++lastStarted.current;
    pending.current += 1;
    try {
      const value = await load();
      if (sequence <= lastApplied.current) return;

      lastApplied.current = sequence;
      setData(value);
      setError(null);
    } catch (caught) {
      if (sequence > lastApplied.current) setError(toApiError(caught));
    } finally {
      pending.current -= 1;
      if (sequence > generationStart.current) setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    // Drops every response to the previous `load`.
    lastApplied.current = lastStarted.current;
    generationStart.current = lastStarted.current;
    setData(null);
    setError(null);
    setLoading(true);
    void run();
  }, [run]);

  usePollingTimer(run, pending, options.pollMs);

  return { data, error, loading, reload: run };
}

/** Calls `run` every `intervalMs` while the tab is visible and idle. */
function usePollingTimer(
  run: () => Promise<void>,
  pending: { current: number },
  intervalMs: number | undefined,
) {
  useEffect(() => {
    if (intervalMs === undefined) return;

    const tick = () => {
      if (document.visibilityState === "hidden" || pending.current > 0) return;

      void run();
    };
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener("visibilitychange", tick);

    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [run, pending, intervalMs]);
}
