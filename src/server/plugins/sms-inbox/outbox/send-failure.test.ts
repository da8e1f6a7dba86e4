import twilio from "twilio";
import { describe, expect, test } from "vitest";
import { classifySendFailure } from "./send-failure.js";

const BASE = "http://127.0.0.1:4010";

describe("classifySendFailure", () => {
  test("message leaves out the stored code", () => {
    const error = new twilio.RestException({
      statusCode: 500,
      body: { code: 20500, message: "Internal server error" },
    });

    const failure = classifySendFailure(error, BASE);

    expect(failure.errorCode).toBe(20500);
    expect(failure.errorMessage).toBe(
      "Twilio rejected the request: Internal server error.",
    );
  });
});
