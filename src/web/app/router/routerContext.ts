import { createContext, useContext } from "react";

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
}

export interface RouterState {
  /** The current path, such as `/inbox/abc`. */
  pathname: string;
  /** The current query string with its leading "?", or "". */
  search: string;
  navigate(to: string, options?: NavigateOptions): void;
}

export const RouterContext = createContext<RouterState | null>(null);

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error("useRouter must be used inside RouterProvider");

  return router;
}
