import { useCallback, useState } from "react";
import { toApiError, type ApiError } from "../api/ApiError";

export interface UseSubmitResult {
  /**
   * Runs `action`, recording its error for the form to show.
   * Resolves to true when the action succeeded.
   */
  run(action: () => Promise<void>): Promise<boolean>;
  pending: boolean;
  error: ApiError | null;
  clearError(): void;
}

/** Tracks one form's request: pending while it runs, then its error. */
export function useSubmit(): UseSubmitResult {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();

      return true;
    } catch (caught) {
      setError(toApiError(caught));

      return false;
    } finally {
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);

  return { run, pending, error, clearError };
}
