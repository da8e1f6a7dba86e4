import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import type { Me } from "../../../common/api";
import { ApiError, toApiError } from "../../api/ApiError";
import { authApi } from "../../api/auth";
import { setCsrfToken, setUnauthenticatedHandler } from "../../api/client";
import { AuthContext, type AuthState } from "./authContext";

async function loadSession(): Promise<AuthState> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);

    return { status: "signedIn", me };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }

  const { needsSetup } = await authApi.setupStatus();
  return { status: "signedOut", needsSetup };
}

/** Loads the session on start and keeps it for every page. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });

  const reload = useCallback(async () => {
    try {
      setState(await loadSession());
    } catch (error) {
      const failed: AuthState = {
        status: "failed",
        message: toApiError(error).message,
      };
      // A failed refresh keeps a signed-in session; only the first load
      // shows the error page.
      setState((previous) =>
        previous.status === "signedIn" ? previous : failed,
      );
    }
  }, []);

  useEffect(() => {
    // An ended session signs out; the router then shows the sign-in page.
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState((previous) =>
        previous.status === "signedIn"
          ? { status: "signedOut", needsSetup: false }
          : previous,
      );
    });
    void reload();

    return () => setUnauthenticatedHandler(null);
  }, [reload]);

  const signIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: "signedIn", me });
  }, []);

  // A failed logout leaves the session signed in and throws to the caller,
  // because the session cookie would still be valid on the next load.
  const signOut = useCallback(async () => {
    await authApi.logout();
    setCsrfToken(null);
    setState({ status: "signedOut", needsSetup: false });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, reload }),
    [state, signIn, signOut, reload],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
