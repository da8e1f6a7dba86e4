import { createContext, useContext } from "react";
import type { Me } from "../../../common/api";

export type AuthState =
  | { status: "loading" }
  | { status: "failed"; message: string }
  | { status: "signedOut"; needsSetup: boolean }
  | { status: "signedIn"; me: Me };

export interface AuthContextValue {
  state: AuthState;
  /** Stores the staff member that setup or login returned. */
  signIn(me: Me): void;
  signOut(): Promise<void>;
  /** Loads the session again, such as after the company was renamed. */
  reload(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth must be used inside AuthProvider");

  return auth;
}

/** Returns the signed-in staff member; only for pages behind sign-in. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== "signedIn") {
    throw new Error("useMe must be used on a signed-in page");
  }

  return state.me;
}
