import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/server/plugins/sms-inbox/outbox/backoff.js";
import { retryRefusal } from "../../src/server/plugins/sms-inbox/outbox/retry-policy.js";
import { classifySendFailure } from "../../src/server/plugins/sms-inbox/outbox/send-failure.js";

const policy = { retryBaseMs: 1_000, retryMaxMs: 60_000 };
const API = "http://127.0.0.1:9";

/** Builds an error shaped like the twilio package's RestException. */
function twilioError(status: number, code: number) {
  return Object.assign(new Error("Twilio says no"), { status, code });
}

function networkError(code: string) {
  return Object.assign(new Error(`request failed: ${code}`), { code });
}

describe("retry delay", () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [7, 60_000],
    [40, 60_000],
  ])("after %i attempts stays under %i ms", (attempts, ceiling) => {
    expect(retryDelayMs(attempts, policy, () => 0)).toBe(0);
    expect(retryDelayMs(attempts, policy, () => 0.999_999)).toBe(ceiling - 1);
  });

  it("spreads delays with jitter", () => {
    const delays = new Set(
      Array.from({ length: 20 }, () => retryDelayMs(4, policy)),
    );

    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeLessThan(8_000);
  });
});

describe("send failure", () => {
  it.each([
    ["HTTP 500", twilioError(500, 20500), "transient", true],
    ["HTTP 503", twilioError(503, 20503), "transient", true],
    ["HTTP 429", twilioError(429, 20429), "transient", false],
    ["21211", twilioError(400, 21211), "permanent", false],
    ["21610", twilioError(400, 21610), "permanent", false],
    ["20003", twilioError(401, 20003), "permanent", false],
    ["refused connection", networkError("ECONNREFUSED"), "transient", false],
    ["timeout", networkError("ECONNABORTED"), "transient", true],
    ["reset connection", networkError("ECONNRESET"), "transient", true],
    ["unknown error", new Error("boom"), "transient", true],
  ])("classifies %s", (_name, error, kind, mayHaveReachedTwilio) => {
    const failure = classifySendFailure(error, API);

    expect(failure.kind).toBe(kind);
    expect(failure.mayHaveReachedTwilio).toBe(mayHaveReachedTwilio);
    expect(failure.errorMessage).not.toBe("");
  });

  it("tells answered from unanswered", () => {
    expect(classifySendFailure(twilioError(500, 20500), API).answered).toBe(
      true,
    );
    expect(classifySendFailure(networkError("ETIMEDOUT"), API).answered).toBe(
      false,
    );
  });

  it("keeps Twilio's error code", () => {
    const failure = classifySendFailure(twilioError(400, 21610), API);

    expect(failure.errorCode).toBe(21610);
    expect(failure.errorMessage).toContain("replied STOP");
  });
});

describe("retry refusal", () => {
  const failed = (code: number | null) => ({
    direction: "outbound" as const,
    status: "failed",
    error_code: code,
  });

  it.each([null, 20003, 20429, 20500, 21408, 21606, 21611, 21612, 30003])(
    "allows error %s",
    (code) => {
      expect(retryRefusal(failed(code))).toBeNull();
    },
  );

  it.each([21211, 21610, 21614, 21617])("refuses error %i", (code) => {
    expect(retryRefusal(failed(code))).toMatch(/\.$/);
  });

  it("refuses received and delivered texts", () => {
    const received = { ...failed(null), direction: "inbound" as const };
    const delivered = { ...failed(null), status: "delivered" };

    expect(retryRefusal(received)).toContain("was received");
    expect(retryRefusal(delivered)).toContain("this one is delivered");
  });
});
