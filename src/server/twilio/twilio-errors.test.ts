import twilio from "twilio";
import { describe, expect, test } from "vitest";
import { describeDeliveryError } from "./twilio-error-messages.js";
import { explainTwilioError } from "./twilio-errors.js";

const BASE = "http://127.0.0.1:4010";

function restException(statusCode: number, body: object) {
  return new twilio.RestException({ statusCode, body });
}

function systemError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("explainTwilioError", () => {
  test("twilio error keeps its code", () => {
    const error = restException(400, {
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
    });

    const explained = explainTwilioError(error, BASE);

    expect(explained.status).toBe(400);
    expect(explained.code).toBe(21610);
    expect(explained.message).toMatch(/replied STOP/);
  });

  test("unknown code appears once with its link", () => {
    const error = restException(500, { code: 20500, message: "Internal" });

    const explained = explainTwilioError(error, BASE);

    expect(explained.code).toBe(20500);
    expect(explained.message).toBe(
      "Twilio rejected the request with error 20500: Internal. " +
        "See https://www.twilio.com/docs/errors/20500.",
    );
  });

  test("omitCode leaves unknown code out", () => {
    const error = restException(500, { code: 20500, message: "Internal." });

    const explained = explainTwilioError(error, BASE, { omitCode: true });

    expect(explained.code).toBe(20500);
    expect(explained.message).toBe("Twilio rejected the request: Internal.");
  });

  test("omitCode keeps known explanations", () => {
    const error = restException(400, { code: 21610, message: "Unsubscribed" });

    const explained = explainTwilioError(error, BASE, { omitCode: true });

    expect(explained.message).toMatch(/replied STOP/);
  });

  test("authentication failure is a bad gateway", () => {
    const error = restException(401, { code: 20003, message: "Authenticate" });

    expect(explainTwilioError(error, BASE)).toMatchObject({
      status: 502,
      code: 20003,
    });
  });

  test("rate limit maps to 503", () => {
    const error = restException(429, { code: 20429, message: "Too Many" });

    expect(explainTwilioError(error, BASE).status).toBe(503);
  });

  test("refused connection names the url", () => {
    const error = systemError(
      "connect ECONNREFUSED 127.0.0.1:4010",
      "ECONNREFUSED",
    );

    expect(explainTwilioError(error, BASE)).toEqual({
      status: 502,
      code: null,
      message:
        "Could not reach Twilio at http://127.0.0.1:4010: connect ECONNREFUSED 127.0.0.1:4010. Check the server's network.",
      noResponseReason: "connect ECONNREFUSED 127.0.0.1:4010",
    });
  });

  test("timeout maps to 504", () => {
    const error = systemError("timeout of 100ms exceeded", "ECONNABORTED");

    const explained = explainTwilioError(error, BASE);

    expect(explained.status).toBe(504);
    expect(explained.message).toContain(": timeout of 100ms exceeded.");
  });

  test("error without message uses its code", () => {
    const explained = explainTwilioError(systemError("", "ENOTFOUND"), BASE);

    expect(explained.message).toContain(`${BASE}: ENOTFOUND.`);
  });

  test("unexpected error gets a generic message", () => {
    const explained = explainTwilioError(new TypeError("boom"), BASE);

    expect(explained.status).toBe(502);
    expect(explained.code).toBeNull();
    expect(explained.message).toMatch(/failed unexpectedly/);
  });
});

describe("describeDeliveryError", () => {
  test("unknown code is not repeated", () => {
    expect(describeDeliveryError(30999)).toBe(
      "Twilio could not deliver the text.",
    );
  });

  test("known code gets its explanation", () => {
    expect(describeDeliveryError(30007)).toMatch(/filtered the text as spam/);
  });
});
