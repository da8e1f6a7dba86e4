import type { ReactNode } from "react";
import type { UseApiResult } from "../hooks/useApi";
import { ErrorAlert } from "./ErrorAlert";
import { LoadingState } from "./LoadingState";

interface ApiContentProps<T> {
  result: UseApiResult<T>;
  children(data: T): ReactNode;
}

/** Renders loaded data, a spinner while loading, or the error with a retry. */
export function ApiContent<T>({ result, children }: ApiContentProps<T>) {
  const { data, error, loading, reload } = result;
  if (data !== null) return children(data);
  if (error) return <ErrorAlert error={error} onRetry={() => void reload()} />;
  if (loading) return <LoadingState />;

  return null;
}
