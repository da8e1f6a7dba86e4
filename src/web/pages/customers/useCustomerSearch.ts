import { useCallback, useEffect, useRef, useState } from "react";
import type { Customer } from "../../../common/api";
import { toApiError, type ApiError } from "../../api/ApiError";
import { customerApi } from "../../api/customers";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

export interface CustomerSearch {
  customers: Customer[];
  loading: boolean;
  error: ApiError | null;
  /** True when more customers match than are loaded. */
  hasMore: boolean;
  loadMore(): void;
  /** Loads the first page again, such as after an edit. */
  reload(): void;
}

/**
 * Searches customers as `text` changes, after a short pause, and keeps the
 * loaded pages. A response to an older search is dropped.
 */
export function useCustomerSearch(text: string, pageSize = 50): CustomerSearch {
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const request = ++latest.current;
      setLoading(true);
      try {
        const page = await customerApi.search({
          q: text,
          cursor: after,
          limit: pageSize,
        });
        if (request !== latest.current) return;

        setCustomers((current) =>
          after ? [...current, ...page.customers] : page.customers,
        );
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        if (request === latest.current) setError(toApiError(caught));
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [text, pageSize],
  );

  useEffect(() => {
    const timer = window.setTimeout(() => void load(null), SEARCH_DELAY_MS);

    return () => window.clearTimeout(timer);
  }, [load, generation]);

  return {
    customers,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor),
    reload: () => setGeneration((value) => value + 1),
  };
}
