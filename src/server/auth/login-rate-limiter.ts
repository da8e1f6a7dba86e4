export interface LoginRateLimitOptions {
  maxFailures: number;
  windowMs: number;
  /** Clock in milliseconds; tests pass their own. */
  now?: () => number;
}

interface FailureWindow {
  startedAt: number;
  failures: number;
}

/** Entries past this count trigger a sweep of expired windows. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Counts failed sign-ins per key (email and client IP) in fixed windows, in
 * memory. NOTE: each server instance counts on its own, so several
 * instances behind a load balancer allow that many times the limit.
 */
export class LoginRateLimiter {
  readonly #windows = new Map<string, FailureWindow>();
  readonly #options: Required<LoginRateLimitOptions>;

  constructor(options: LoginRateLimitOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /** Returns the seconds until `key` may try again, or 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const window = this.#currentWindow(key);
    if (!window || window.failures < this.#options.maxFailures) return 0;

    const endsAt = window.startedAt + this.#options.windowMs;

    return Math.ceil((endsAt - this.#options.now()) / 1000);
  }

  recordFailure(key: string): void {
    const window = this.#currentWindow(key);
    if (window) {
      window.failures += 1;

      return;
    }

    if (this.#windows.size >= SWEEP_THRESHOLD) this.#sweep();
    this.#windows.set(key, { startedAt: this.#options.now(), failures: 1 });
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #currentWindow(key: string): FailureWindow | undefined {
    const window = this.#windows.get(key);
    if (window && this.#isExpired(window)) {
      this.#windows.delete(key);

      return undefined;
    }

    return window;
  }

  #isExpired(window: FailureWindow): boolean {
    return this.#options.now() - window.startedAt >= this.#options.windowMs;
  }

  #sweep(): void {
    for (const [key, window] of this.#windows) {
      if (this.#isExpired(window)) this.#windows.delete(key);
    }
  }
}
