import { useEffect, useRef, useState } from "react";
import type { Customer } from "../../../common/api";
import { customerApi } from "../../api/customers";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;
/** Characters typed before the first search, so one letter sends nothing. */
export const MIN_SEARCH_LENGTH = 2;
/** Suggestions shown at once; typing more narrows them. */
const SUGGESTION_LIMIT = 8;

/**
 * Returns customers whose name or number matches `text`, searched after a
 * short pause once it has MIN_SEARCH_LENGTH characters. A response to an
 * older text is dropped. A failed search shows no suggestions, because the
 * field still accepts a typed number.
 */
export function useRecipientSuggestions(text: string): {
  customers: Customer[];
  loading: boolean;
} {
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const query = text.trim();

  useEffect(() => {
    const request = ++latest.current;
    if (query.length < MIN_SEARCH_LENGTH) {
      setCustomers([]);
      setLoading(false);
      return;
    }

    setLoading(true);
    const timer = window.setTimeout(() => {
      customerApi
        .search({ q: query, limit: SUGGESTION_LIMIT })
        .then((page) => {
          if (request === latest.current) setCustomers(page.customers);
        })
        .catch(() => {
          if (request === latest.current) setCustomers([]);
        })
        .finally(() => {
          if (request === latest.current) setLoading(false);
        });
    }, SEARCH_DELAY_MS);

    return () => window.clearTimeout(timer);
  }, [query]);

  return { customers, loading };
}
