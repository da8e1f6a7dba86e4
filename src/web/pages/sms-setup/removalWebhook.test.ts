import { describe, expect, it } from "vitest";
import type { NumberWebhookHealth } from "../../../common/webhook-health-api";
import { adviseRemovalWebhook, isInboxWebhookUrl } from "./removalWebhook";

const LEGACY_URL = "https://inbox.example.com/v1/plugins/sms-chat/webhook";
const TOKEN_URL = `${LEGACY_URL}/${"ab".repeat(16)}`;

function health(overrides: Partial<NumberWebhookHealth>): NumberWebhookHealth {
  return {
    numberId: "n1",
    phoneNumber: "+14155550111",
    name: null,
    isDefault: false,
    state: "ok",
    message: "Texts to this number reach the inbox.",
    smsUrl: TOKEN_URL,
    smsMethod: "POST",
    smsCapable: true,
    canSetWebhook: false,
    lastInboundAt: null,
    checkedAt: "2026-03-03T10:00:00.000Z",
    webhookSource: "number",
    incomingUrl: TOKEN_URL,
    incomingMethod: "POST",
    messagingService: null,
    messagingServiceNote: null,
    ...overrides,
  };
}

const service = {
  sid: `MG${"cd".repeat(16)}`,
  friendlyName: "Bookings",
  inboundRequestUrl: TOKEN_URL,
  inboundMethod: "POST",
  useInboundWebhookOnNumber: false,
};

describe("isInboxWebhookUrl", () => {
  it("accepts the token URL", () => {
    expect(isInboxWebhookUrl(TOKEN_URL, TOKEN_URL)).toBe(true);
  });

  it("accepts the token-less URL", () => {
    expect(isInboxWebhookUrl(LEGACY_URL, TOKEN_URL)).toBe(true);
  });

  it("accepts an older token", () => {
    expect(
      isInboxWebhookUrl(`${LEGACY_URL}/${"ff".repeat(16)}`, TOKEN_URL),
    ).toBe(true);
  });

  it("rejects another app's URL", () => {
    expect(isInboxWebhookUrl("https://other.example.net/sms", TOKEN_URL)).toBe(
      false,
    );
  });
});

describe("adviseRemovalWebhook", () => {
  it.each([
    "ok",
    "legacy_url",
    "previous_token",
    "old_token",
    "wrong_method",
  ] as const)("offers clearing, checked, for %s", (state) => {
    const advice = adviseRemovalWebhook(health({ state }), TOKEN_URL, null);

    expect(advice.offerClear).toBe(true);
    expect(advice.clearByDefault).toBe(true);
    expect(advice.status).toContain("points at this inbox");
    expect(advice.status).toContain("error 11200");
  });

  it("leaves another URL alone", () => {
    const advice = adviseRemovalWebhook(
      health({ state: "other_url", smsUrl: "https://other.example.net/sms" }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(false);
    expect(advice.status).toBe(
      "Its webhook on Twilio points at another URL (https://other.example.net/sms), which stays as it is.",
    );
  });

  it("has nothing to clear when unset", () => {
    const advice = adviseRemovalWebhook(
      health({ state: "unset", smsUrl: "" }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(false);
    expect(advice.status).toContain("no incoming-message webhook");
  });

  it("has nothing to clear off the account", () => {
    const advice = adviseRemovalWebhook(
      health({ state: "not_on_account", smsUrl: null }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(false);
    expect(advice.status).toBe(
      "+1 415 555 0111 is not on the connected Twilio account, so there is no webhook to clear.",
    );
  });

  it("offers clearing when the check failed", () => {
    const advice = adviseRemovalWebhook(
      health({ state: "unreachable", message: "Twilio did not respond." }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(true);
    expect(advice.clearByDefault).toBe(true);
    expect(advice.status).toMatch(/^Twilio did not respond\. /);
  });

  it("offers clearing without a report", () => {
    const advice = adviseRemovalWebhook(
      null,
      "",
      "Could not reach the server.",
    );

    expect(advice.offerClear).toBe(true);
    expect(advice.clearByDefault).toBe(true);
    expect(advice.status).toMatch(/^Could not reach the server\. /);
  });

  it("warns that a service keeps delivering", () => {
    const advice = adviseRemovalWebhook(
      health({
        webhookSource: "messaging_service",
        messagingService: service,
        smsUrl: "",
      }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(false);
    expect(advice.warning).toContain(
      "Texts to it go to Bookings, whose incoming URL points at this inbox",
    );
  });

  it("offers clearing a service number's own URL", () => {
    const advice = adviseRemovalWebhook(
      health({
        state: "other_url",
        webhookSource: "messaging_service",
        messagingService: {
          ...service,
          inboundRequestUrl: "https://other.example.net/sms",
        },
        smsUrl: LEGACY_URL,
      }),
      TOKEN_URL,
      null,
    );

    expect(advice.offerClear).toBe(true);
    expect(advice.clearByDefault).toBe(true);
    expect(advice.warning).toBeNull();
  });
});
