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
 * Limits failed sign-ins per email and client IP, and per client IP. There is
 * deliberately no limit per email alone, because it would let anyone lock a
 * staff member out by sending wrong passwords for their email from elsewhere.
 */
/** A blocked attempt: the 429 error and the seconds for Retry-After. */
export interface SignInBlock {
  error: AppError;
  retryAfterSeconds: number;
}

export class SignInLimits {
  readonly #perEmailAndIp: LoginRateLimiter;
  readonly #perIp: LoginRateLimiter;

  constructor(now: () => number = Date.now) {
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
  }

  /** Returns why an attempt is blocked, or null when it is allowed. */
  block(email: string, ip: string): SignInBlock | null {
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

    return null;
  }

  recordFailure(email: string, ip: string): void {
    this.#perEmailAndIp.recordFailure(emailAndIpKey(email, ip));
    this.#perIp.recordFailure(ip);
  }

  /**
   * Clears the failures of this email from this IP. The per-IP count stays,
   * so signing in to one account does not reset guesses at others.
   */
  recordSuccess(email: string, ip: string): void {
    this.#perEmailAndIp.reset(emailAndIpKey(email, ip));
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
