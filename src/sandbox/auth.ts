import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { twilioErrors } from "./errors.js";
import type { SandboxState } from "./state.js";
import type { SandboxAccount } from "./state-types.js";

/**
 * Returns the account whose SID and auth token are in the request's HTTP
 * Basic credentials. Like Twilio, it throws error 20003 when they are
 * missing or wrong, and when the account in the path is another account.
 */
export function authenticate(
  state: SandboxState,
  request: FastifyRequest,
): SandboxAccount {
  const credentials = readBasicCredentials(request.headers.authorization);
  const account = credentials && state.accounts.get(credentials.username);
  if (!credentials || !account) throw twilioErrors.authenticate();

  if (!safeEqual(credentials.password, account.authToken)) {
    throw twilioErrors.authenticate();
  }

  const pathAccountSid = readPathAccountSid(request.params);
  if (pathAccountSid !== undefined && pathAccountSid !== account.sid) {
    throw twilioErrors.authenticate();
  }

  return account;
}

function readBasicCredentials(header: string | undefined) {
  const match = header && /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;

  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;

  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/** Reads the account SID from `AccountSid`, or from `Sid` on /Accounts/{Sid}. */
function readPathAccountSid(params: unknown): string | undefined {
  if (typeof params !== "object" || params === null) return undefined;

  const { AccountSid, Sid } = params as Record<string, unknown>;
  if (typeof AccountSid === "string") return AccountSid;

  return typeof Sid === "string" ? Sid : undefined;
}

function safeEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}
