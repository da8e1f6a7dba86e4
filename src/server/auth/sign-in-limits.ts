import { AppError, errors } from "../errors.js";
import { LoginRateLimiter } from "./login-rate-limiter.js";

const WINDOW_MS = 15 * 60 * 1000;

/** Failed sign-ins allowed per email and client IP in each window. */
export const MAX_FAILURES_PER_EMAIL_AND_IP = 10;

/**
 * Failed sign-ins allowed per client IP, over all emails, in each window.
 * It stops one address from guessing passwords of many accounts. It is much
 * higher than the per-email limit because staff of one office may share a
 * NAT address.
 */
export const MAX_FAILURES_PER_IP = 100;

/**
 * Failed sign-ins for one email, over all client IPs, in each window, before
 * attempts for it from other IPs are slowed. Rotating client IPs, which a
 * hop-count TRUST_PROXY allows, gets past the other two limits.
 */
export const MAX_FAILURES_PER_EMAIL = 50;

/**
 * Minimum seconds between sign-in attempts for a slowed email, from IPs that
 * have not signed in to it recently.
 */
export const SLOWED_EMAIL_INTERVAL_SECONDS = 30;

/**
 * Failed sign-ins allowed per device cookie in each window before the cookie
 * stops exempting its browser from the email's slowdown. It bounds what a
 * stolen cookie is worth to an attacker who rotates IPs.
 */
export const MAX_FAILURES_PER_DEVICE = 10;

/** How long an IP that signed in to an email is exempt from its slowdown. */
const KNOWN_IP_MS = 30 * 24 * 60 * 60 * 1000;

/** Entries past this count trigger a sweep of stale entries. */
const SWEEP_THRESHOLD = 10_000;

/** A blocked attempt: the 429 error and the seconds for Retry-After. */
export interface SignInBlock {
  error: AppError;
  retryAfterSeconds: number;
}

/**
 * Limits failed sign-ins per email and client IP, and per client IP, and
 * slows an email with many failures. The slowdown spaces attempts instead of
 * blocking the email for the whole window. It skips IPs that signed in to the
 * email in the last 30 days and browsers with a device cookie for the email
 * (device-cookie.ts), so wrong passwords sent from elsewhere cannot lock a
 * staff member out of their usual devices, even on a new network.
 */
export class SignInLimits {
  readonly #perEmailAndIp: LoginRateLimiter;
  readonly #perIp: LoginRateLimiter;
  readonly #perEmail: LoginRateLimiter;
  readonly #perDevice: LoginRateLimiter;
  /** Per slowed email, the time in ms when the next attempt may start. */
  readonly #nextSlowedAttemptAt = new Map<string, number>();
  /** Per email and IP, the time in ms of the last successful sign-in. */
  readonly #lastSuccessAt = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#perEmailAndIp = new LoginRateLimiter({
      maxFailures: MAX_FAILURES_PER_EMAIL_AND_IP,
      windowMs: WINDOW_MS,
      now,
    });
    this.#perIp = new LoginRateLimiter({
      maxFailures: MAX_FAILURES_PER_IP,
      windowMs: WINDOW_MS,
      now,
    });
    this.#perEmail = new LoginRateLimiter({
      maxFailures: MAX_FAILURES_PER_EMAIL,
      windowMs: WINDOW_MS,
      now,
    });
    this.#perDevice = new LoginRateLimiter({
      maxFailures: MAX_FAILURES_PER_DEVICE,
      windowMs: WINDOW_MS,
      now,
    });
  }

  /**
   * Returns why an attempt is blocked, or null when it is allowed. An allowed
   * attempt for a slowed email takes the next slot, so parallel requests
   * cannot all pass before their failures are recorded. `deviceId` is the id
   * of the request's device cookie for this email, or null.
   */
  block(
    email: string,
    ip: string,
    deviceId: string | null = null,
  ): SignInBlock | null {
    const emailWait = this.#perEmailAndIp.retryAfterSeconds(
      emailAndIpKey(email, ip),
    );
    if (emailWait > 0) {
      return {
        error: errors.tooManyLoginAttempts(emailWait),
        retryAfterSeconds: emailWait,
      };
    }

    const ipWait = this.#perIp.retryAfterSeconds(ip);
    if (ipWait > 0) {
      return { error: tooManyFromIp(ipWait), retryAfterSeconds: ipWait };
    }

    return this.#slowEmail(email, ip, deviceId);
  }

  recordFailure(
    email: string,
    ip: string,
    deviceId: string | null = null,
  ): void {
    this.#perEmailAndIp.recordFailure(emailAndIpKey(email, ip));
    this.#perIp.recordFailure(ip);
    this.#perEmail.recordFailure(email);
    if (deviceId !== null) this.#perDevice.recordFailure(deviceId);
  }

  /**
   * Clears the failures of this email from this IP and exempts the IP from
   * the email's slowdown. The per-IP and per-email counts stay, so signing in
   * does not reset guesses made from elsewhere.
   */
  recordSuccess(email: string, ip: string): void {
    const key = emailAndIpKey(email, ip);
    this.#perEmailAndIp.reset(key);
    if (this.#lastSuccessAt.size >= SWEEP_THRESHOLD) this.#sweep();
    this.#lastSuccessAt.set(key, this.#now());
  }

  #slowEmail(
    email: string,
    ip: string,
    deviceId: string | null,
  ): SignInBlock | null {
    if (this.#perEmail.retryAfterSeconds(email) === 0) return null;

    if (this.#isKnownIp(email, ip)) return null;

    if (deviceId !== null && this.#perDevice.retryAfterSeconds(deviceId) === 0)
      return null;

    const now = this.#now();
    const nextAt = this.#nextSlowedAttemptAt.get(email) ?? now;
    if (nextAt > now) {
      const seconds = Math.ceil((nextAt - now) / 1000);

      return { error: slowedEmail(seconds), retryAfterSeconds: seconds };
    }

    if (this.#nextSlowedAttemptAt.size >= SWEEP_THRESHOLD) this.#sweep();
    this.#nextSlowedAttemptAt.set(
      email,
      now + SLOWED_EMAIL_INTERVAL_SECONDS * 1000,
    );

    return null;
  }

  #isKnownIp(email: string, ip: string): boolean {
    const signedInAt = this.#lastSuccessAt.get(emailAndIpKey(email, ip));

    return signedInAt !== undefined && this.#now() - signedInAt < KNOWN_IP_MS;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [email, nextAt] of this.#nextSlowedAttemptAt) {
      if (nextAt <= now) this.#nextSlowedAttemptAt.delete(email);
    }
    for (const [key, signedInAt] of this.#lastSuccessAt) {
      if (now - signedInAt >= KNOWN_IP_MS) this.#lastSuccessAt.delete(key);
    }
  }
}

function emailAndIpKey(email: string, ip: string): string {
  return `${email}\n${ip}`;
}

function tooManyFromIp(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));

  return new AppError(
    429,
    "too_many_login_attempts",
    `Too many failed sign-in attempts from your network address. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
  );
}

function slowedEmail(seconds: number): AppError {
  return new AppError(
    429,
    "too_many_login_attempts",
    `Too many failed sign-in attempts for this email from other network addresses. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
  );
}
