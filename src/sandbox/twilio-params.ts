import { twilioErrors } from "./errors.js";
import type { SandboxState } from "./state.js";
import type { SandboxAccount } from "./state-types.js";

/** Returns a path parameter; the router guarantees it exists. */
export function stringParam(params: unknown, name: string): string {
  const value =
    typeof params === "object" && params !== null
      ? (params as Record<string, unknown>)[name]
      : undefined;

  return typeof value === "string" ? value : "";
}

/**
 * Returns the account named in the path. The auth hook has already checked
 * that it is the authenticated account.
 */
export function accountFromParams(
  state: SandboxState,
  params: unknown,
): SandboxAccount {
  const sid = stringParam(params, "AccountSid") || stringParam(params, "Sid");
  const account = state.accounts.get(sid);
  if (!account) throw twilioErrors.authenticate();

  return account;
}

/** Returns a request URL without its query string. */
export function requestPath(url: string): string {
  return url.split("?")[0] ?? url;
}
