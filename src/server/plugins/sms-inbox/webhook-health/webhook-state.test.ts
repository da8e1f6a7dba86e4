import { describe, expect, test } from "vitest";
import { assessWebhook, type AssessmentFacts } from "./webhook-state.js";

const PUBLIC_URL = "http://127.0.0.1:3000";
const TOKEN_URL = `${PUBLIC_URL}/v1/plugins/sms-chat/webhook/current-token`;
const PROBLEM = "Twilio cannot reach 127.0.0.1.";

function facts(
  smsUrl: string,
  publicUrlProblem: string | null,
): AssessmentFacts {
  return {
    publicUrl: PUBLIC_URL,
    publicUrlProblem,
    tokens: { current: "current-token", previous: null },
    accountSid: `AC${"0".repeat(32)}`,
    lookup: {
      result: "found",
      sid: `PN${"0".repeat(32)}`,
      smsUrl,
      smsMethod: "POST",
      smsCapable: true,
    },
    service: { result: "none" },
  };
}

describe("assessWebhook with an unreachable public URL", () => {
  test("inbox URL says texts do not arrive", () => {
    const assessment = assessWebhook(facts(TOKEN_URL, PROBLEM));

    expect(assessment.state).toBe("ok");
    expect(assessment.message).toBe(
      "The webhook is set to the inbox's URL, but Twilio cannot reach that address, so texts to this number do not arrive. See the warning under Webhook.",
    );
  });

  test("reachable inbox URL says texts arrive", () => {
    const assessment = assessWebhook(facts(TOKEN_URL, null));

    expect(assessment.message).toBe("Texts to this number reach the inbox.");
  });

  test("unset webhook keeps its own message", () => {
    const assessment = assessWebhook(facts("", PROBLEM));

    expect(assessment.state).toBe("unset");
    expect(assessment.message).toMatch(/^The number has no incoming-message/);
  });
});
