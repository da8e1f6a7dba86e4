import { useEffect, useRef, useState } from "react";
import type { Customer } from "../../../common/api";
import { customerApi } from "../../api/customers";
import { suggestionsFor, type SuggestionResult } from "./recipientOptions";

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;
/** Characters typed before the first search, so one letter sends nothing. */
export const MIN_SEARCH_LENGTH = 2;
/** Suggestions shown at once; typing more narrows them. */
const SUGGESTION_LIMIT = 8;

/**
 * Returns customers whose name or number matches `text`, searched after a
 * short pause once it has MIN_SEARCH_LENGTH characters. Only results of the
 * current text are returned, so a response to an older text never shows,
 * even when it arrives last. A failed search shows no suggestions, because
 * the field still accepts a typed number.
 */
export function useRecipientSuggestions(text: string): {
  customers: Customer[];
  loading: boolean;
} {
  const [result, setResult] = useState<SuggestionResult | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const query = text.trim();

  useEffect(() => {
    const request = ++latest.current;
    if (query.length < MIN_SEARCH_LENGTH) {
      setResult(null);
      setLoading(false);
      return;
    }

    setLoading(true);
    const timer = window.setTimeout(() => {
      customerApi
        .search({ q: query, limit: SUGGESTION_LIMIT })
        .then((page) => {
          if (request === latest.current) {
            setResult({ query, customers: page.customers });
          }
        })
        .catch(() => {
          if (request === latest.current) setResult(null);
        })
        .finally(() => {
          if (request === latest.current) setLoading(false);
        });
    }, SEARCH_DELAY_MS);

    return () => window.clearTimeout(timer);
  }, [query]);

  return { customers: suggestionsFor(result, query), loading };
}
