import { describe, expect, it } from "vitest";
import type { ConversationSummary, InboxNumber } from "../../../common/api";
import { replyNumberOf } from "./replyNumber";

const MAIN = "+14155550100";
const SECOND = "+14155550111";
const REMOVED = "+14155550122";

const numbers: InboxNumber[] = [
  { id: "default", phoneNumber: MAIN, isDefault: true, name: null },
  { id: "n2", phoneNumber: SECOND, isDefault: false, name: null },
];

function conversation(inboxNumber: string): ConversationSummary {
  return {
    id: "c1",
    customerNumber: "+14155550199",
    customer: null,
    customerMatches: [],
    customerName: null,
    inboxNumber,
    lastMessageAt: "2026-01-01T10:00:00.000Z",
    lastMessagePreview: "Hi",
    lastMessageFailed: false,
    unreadCount: 0,
    optOut: { optedOut: false, at: null, keyword: null },
  };
}

describe("replyNumberOf", () => {
  it("keeps an inbox number in use", () => {
    expect(replyNumberOf(conversation(SECOND), numbers)).toBe(SECOND);
  });

  it("falls back to the default number", () => {
    expect(replyNumberOf(conversation(REMOVED), numbers)).toBe(MAIN);
  });

  it("keeps the number without a default", () => {
    expect(replyNumberOf(conversation(REMOVED), [])).toBe(REMOVED);
  });
});
