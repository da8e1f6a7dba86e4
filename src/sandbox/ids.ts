import { randomBytes } from "node:crypto";

/** Two-letter prefixes of the Twilio SIDs the sandbox issues. */
export type SidPrefix = "AC" | "SM" | "MM" | "ME" | "PN" | "MG";

/** Returns a Twilio-style SID: the prefix and 32 lowercase hex digits. */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Returns a random auth token, 32 hex digits like Twilio's. */
export function newAuthToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Formats a date the way the 2010-04-01 API does (RFC 2822 in UTC), such as
 * "Thu, 30 Jul 2015 20:12:31 +0000".
 */
export function toRfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}
