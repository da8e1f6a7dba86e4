import type { FastifyReply } from "fastify";
import type { Config } from "../config.js";
import { SESSION_COOKIE, type NewSession } from "./session-store.js";

type CookieConfig = Pick<Config, "secureCookies">;

/**
 * Sets the session cookie. HttpOnly keeps it from scripts, SameSite=Lax keeps
 * it off cross-site POSTs, and Secure is set when the public URL is https.
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: CookieConfig,
  session: NewSession,
): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    ...cookieAttributes(config),
    expires: session.expiresAt,
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(
  reply: FastifyReply,
  config: CookieConfig,
): void {
  reply.clearCookie(SESSION_COOKIE, cookieAttributes(config));
}

function cookieAttributes(config: CookieConfig) {
  return {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.secureCookies,
  } as const;
}
