import { describe, expect, test } from "vitest";
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_EMAIL_AND_IP,
  MAX_FAILURES_PER_IP,
  SignInLimits,
  SLOWED_EMAIL_INTERVAL_SECONDS,
} from "./sign-in-limits.js";

function failTimes(
  limits: SignInLimits,
  count: number,
  email: (attempt: number) => string,
  ip: string,
) {
  for (let attempt = 0; attempt < count; attempt += 1) {
    limits.recordFailure(email(attempt), ip);
  }
}

describe("SignInLimits", () => {
  test("blocks email and IP after max failures", () => {
    const limits = new SignInLimits(() => 0);
    failTimes(
      limits,
      MAX_FAILURES_PER_EMAIL_AND_IP,
      () => "ada@x.io",
      "1.1.1.1",
    );

    const block = limits.block("ada@x.io", "1.1.1.1");

    expect(block?.error.statusCode).toBe(429);
    expect(block?.error.message).toMatch(/for this email. Wait 15 minutes/);
    expect(block?.retryAfterSeconds).toBe(900);
  });

  test("failures from one IP never block another", () => {
    const limits = new SignInLimits(() => 0);
    failTimes(limits, MAX_FAILURES_PER_IP, () => "ada@x.io", "6.6.6.6");

    expect(limits.block("ada@x.io", "6.6.6.6")).not.toBeNull();
    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();
  });

  test("IP limit spans emails", () => {
    const limits = new SignInLimits(() => 0);
    failTimes(
      limits,
      MAX_FAILURES_PER_IP - 1,
      (attempt) => `user${attempt}@x.io`,
      "6.6.6.6",
    );
    expect(limits.block("new@x.io", "6.6.6.6")).toBeNull();

    limits.recordFailure("last@x.io", "6.6.6.6");
    const block = limits.block("new@x.io", "6.6.6.6");

    expect(block?.error.message).toMatch(/from your network address/);
    expect(limits.block("new@x.io", "1.1.1.1")).toBeNull();
  });

  test("success keeps the IP count", () => {
    const limits = new SignInLimits(() => 0);
    failTimes(
      limits,
      MAX_FAILURES_PER_IP,
      (attempt) => `user${attempt}@x.io`,
      "6.6.6.6",
    );

    limits.recordSuccess("user0@x.io", "6.6.6.6");

    expect(limits.block("user0@x.io", "6.6.6.6")).not.toBeNull();
  });

  test("success clears the email count", () => {
    const limits = new SignInLimits(() => 0);
    failTimes(
      limits,
      MAX_FAILURES_PER_EMAIL_AND_IP - 1,
      () => "ada@x.io",
      "1.1.1.1",
    );

    limits.recordSuccess("ada@x.io", "1.1.1.1");
    limits.recordFailure("ada@x.io", "1.1.1.1");

    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();
  });

  test("window end lifts both blocks", () => {
    const clock = { now: 0 };
    const limits = new SignInLimits(() => clock.now);
    failTimes(limits, MAX_FAILURES_PER_IP, () => "ada@x.io", "6.6.6.6");

    clock.now = 15 * 60 * 1000;

    expect(limits.block("ada@x.io", "6.6.6.6")).toBeNull();
  });
});

/** Records `count` failures for ada@x.io, each from a different IP. */
function failFromManyIps(limits: SignInLimits, count: number) {
  for (let attempt = 0; attempt < count; attempt += 1) {
    limits.recordFailure("ada@x.io", `10.0.${attempt >> 8}.${attempt & 255}`);
  }
}

describe("SignInLimits per email", () => {
  test("no slowdown below max failures", () => {
    const limits = new SignInLimits(() => 0);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL - 1);

    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();
    expect(limits.block("ada@x.io", "2.2.2.2")).toBeNull();
  });

  test("spaces attempts from new IPs", () => {
    const limits = new SignInLimits(() => 0);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);

    const first = limits.block("ada@x.io", "1.1.1.1");
    const second = limits.block("ada@x.io", "2.2.2.2");

    expect(first).toBeNull();
    expect(second?.error.statusCode).toBe(429);
    expect(second?.error.message).toMatch(/from other network addresses/);
    expect(second?.error.message).toMatch(/Wait 30 seconds/);
    expect(second?.retryAfterSeconds).toBe(SLOWED_EMAIL_INTERVAL_SECONDS);
  });

  test("next slot opens after the interval", () => {
    const clock = { now: 0 };
    const limits = new SignInLimits(() => clock.now);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();

    clock.now = SLOWED_EMAIL_INTERVAL_SECONDS * 1000 - 1000;
    expect(limits.block("ada@x.io", "2.2.2.2")?.retryAfterSeconds).toBe(1);

    clock.now = SLOWED_EMAIL_INTERVAL_SECONDS * 1000;
    expect(limits.block("ada@x.io", "2.2.2.2")).toBeNull();
  });

  test("other emails are not slowed", () => {
    const limits = new SignInLimits(() => 0);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    limits.block("ada@x.io", "1.1.1.1");

    expect(limits.block("bob@x.io", "2.2.2.2")).toBeNull();
  });

  test("known IP skips the slowdown", () => {
    const limits = new SignInLimits(() => 0);
    limits.recordSuccess("ada@x.io", "1.1.1.1");
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    limits.block("ada@x.io", "2.2.2.2");

    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();
    expect(limits.block("ada@x.io", "1.1.1.1")).toBeNull();
    expect(limits.block("ada@x.io", "3.3.3.3")).not.toBeNull();
  });

  test("known IP expires after 30 days", () => {
    const clock = { now: 0 };
    const limits = new SignInLimits(() => clock.now);
    limits.recordSuccess("ada@x.io", "1.1.1.1");

    clock.now = 30 * 24 * 60 * 60 * 1000;
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    limits.block("ada@x.io", "2.2.2.2");

    expect(limits.block("ada@x.io", "1.1.1.1")).not.toBeNull();
  });

  test("success keeps the email count", () => {
    const limits = new SignInLimits(() => 0);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    limits.recordSuccess("ada@x.io", "1.1.1.1");
    limits.block("ada@x.io", "2.2.2.2");

    expect(limits.block("ada@x.io", "3.3.3.3")).not.toBeNull();
  });

  test("window end lifts the slowdown", () => {
    const clock = { now: 0 };
    const limits = new SignInLimits(() => clock.now);
    failFromManyIps(limits, MAX_FAILURES_PER_EMAIL);
    limits.block("ada@x.io", "1.1.1.1");

    clock.now = 15 * 60 * 1000;

    expect(limits.block("ada@x.io", "2.2.2.2")).toBeNull();
    expect(limits.block("ada@x.io", "3.3.3.3")).toBeNull();
  });
});
