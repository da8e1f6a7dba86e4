import { describe, expect, test } from "vitest";
import { LoginRateLimiter } from "./login-rate-limiter.js";

function limiterAt(clock: { now: number }) {
  return new LoginRateLimiter({
    maxFailures: 3,
    windowMs: 60_000,
    now: () => clock.now,
  });
}

describe("LoginRateLimiter", () => {
  test("blocks after max failures", () => {
    const clock = { now: 1_000_000 };
    const limiter = limiterAt(clock);

    limiter.recordFailure("ada");
    limiter.recordFailure("ada");
    expect(limiter.retryAfterSeconds("ada")).toBe(0);

    clock.now += 10_000;
    limiter.recordFailure("ada");
    expect(limiter.retryAfterSeconds("ada")).toBe(50);
    expect(limiter.retryAfterSeconds("grace")).toBe(0);
  });

  test("window expiry lifts the block", () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    for (let i = 0; i < 3; i += 1) limiter.recordFailure("ada");

    clock.now = 60_000;

    expect(limiter.retryAfterSeconds("ada")).toBe(0);
    limiter.recordFailure("ada");
    expect(limiter.retryAfterSeconds("ada")).toBe(0);
  });

  test("reset forgets failures", () => {
    const limiter = limiterAt({ now: 0 });
    for (let i = 0; i < 3; i += 1) limiter.recordFailure("ada");

    limiter.reset("ada");

    expect(limiter.retryAfterSeconds("ada")).toBe(0);
  });
});
