import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import type { SecretBox } from "../crypto/secret-box.js";

/**
 * The cookie that marks a browser where a staff member signed in. It is
 * sent only to the sign-in endpoint, where it exempts that browser from the
 * slowdown of an email under a guessing attack from other addresses.
 */
export const DEVICE_COOKIE = "sms_inbox_device";

/** Days a device cookie stays valid after the sign-in that set it. */
export const DEVICE_COOKIE_DAYS = 30;

const DEVICE_COOKIE_MS = DEVICE_COOKIE_DAYS * 24 * 60 * 60 * 1000;

const DEVICE_COOKIE_PATH = "/api/auth/login";

/** The sealed content of a device cookie. */
interface DeviceClaim {
  /** Random id of this browser's cookie, which counts its failures. */
  id: string;
  /** The email signed in with, lower case. */
  email: string;
  /** Sign-in time in ms since the epoch. */
  issuedAt: number;
}

/**
 * Sets a device cookie for `email`, sealed with the encryption key so that
 * it can be neither forged nor read. Each sign-in sets a new one.
 */
export function setDeviceCookie(
  reply: FastifyReply,
  secretBox: SecretBox,
  config: Pick<Config, "secureCookies">,
  email: string,
  now: number = Date.now(),
): void {
  const claim: DeviceClaim = { id: randomUUID(), email, issuedAt: now };
  reply.setCookie(DEVICE_COOKIE, secretBox.seal(JSON.stringify(claim)), {
    httpOnly: true,
    sameSite: "strict",
    path: DEVICE_COOKIE_PATH,
    secure: config.secureCookies,
    expires: new Date(now + DEVICE_COOKIE_MS),
  });
}

/**
 * Returns the id of the request's device cookie when it was set by a
 * sign-in to `email` in the last 30 days, else null. A cookie that does
 * not open (another key, a changed byte) counts as absent.
 */
export function readDeviceId(
  request: FastifyRequest,
  secretBox: SecretBox,
  email: string,
  now: number = Date.now(),
): string | null {
  const sealed = request.cookies[DEVICE_COOKIE];
  if (!sealed) return null;

  const claim = openClaim(secretBox, sealed);
  if (!claim || claim.email !== email) return null;

  const age = now - claim.issuedAt;

  return age >= 0 && age < DEVICE_COOKIE_MS ? claim.id : null;
}

function openClaim(secretBox: SecretBox, sealed: string): DeviceClaim | null {
  let value: unknown;
  try {
    value = JSON.parse(secretBox.open(sealed));
  } catch {
    return null;
  }

  return isDeviceClaim(value) ? value : null;
}

function isDeviceClaim(value: unknown): value is DeviceClaim {
  if (typeof value !== "object" || value === null) return false;

  const claim = value as Record<string, unknown>;

  return (
    typeof claim.id === "string" &&
    typeof claim.email === "string" &&
    typeof claim.issuedAt === "number"
  );
}
