import { describe, expect, it } from "vitest";
import type { ConversationSummary, OptOutState } from "../../../common/api";
import { optOutExplanation, optOutLabel } from "./optOutText";

function conversation(optOut: OptOutState): ConversationSummary {
  return {
    id: "c1",
    customerNumber: "+14155550199",
    customer: { id: "cu1", name: "Maya Rivera" },
    customerMatches: [],
    customerName: "Maya Rivera",
    inboxNumber: "+14155550100",
    lastMessageAt: "2026-03-03T10:00:00.000Z",
    lastMessagePreview: "STOP",
    lastMessageFailed: false,
    unreadCount: 0,
    optOut,
  };
}

const stop: OptOutState = {
  optedOut: true,
  at: "2026-03-03T10:00:00.000Z",
  keyword: "STOP",
};

describe("optOutLabel", () => {
  it("names keyword and date", () => {
    expect(optOutLabel(stop)).toBe("Opted out (texted STOP on Mar 3, 2026)");
  });

  it("names error 21610 without keyword", () => {
    const label = optOutLabel({ ...stop, keyword: null });

    expect(label).toBe(
      "Opted out (Twilio reported error 21610 on Mar 3, 2026)",
    );
  });

  it("omits unknown date", () => {
    expect(optOutLabel({ ...stop, at: null })).toBe("Opted out");
  });
});

describe("optOutExplanation", () => {
  it("names keyword and inbox number", () => {
    const text = optOutExplanation(conversation(stop));

    expect(text).toBe(
      "This customer texted STOP to +1 415 555 0100. Twilio blocks texts to them until they text START.",
    );
  });

  it("explains error 21610 opt-outs", () => {
    const text = optOutExplanation(conversation({ ...stop, keyword: null }));

    expect(text).toContain(
      "opted out of texts from +1 415 555 0100 (error 21610)",
    );
    expect(text).toContain("until they text START.");
  });
});
