import { describe, expect, it } from "vitest";
import type { ConversationSummary, Message } from "../../../common/api";
import { mergeConversations, mergeMessages } from "./merge";

function conversation(id: string, lastMessageAt: string, unreadCount = 0) {
  const summary: ConversationSummary = {
    id,
    customerNumber: "+14155550199",
    customer: null,
    customerMatches: [],
    customerName: null,
    inboxNumber: "+14155550100",
    lastMessageAt,
    lastMessagePreview: "Hi",
    lastMessageFailed: false,
    unreadCount,
    optOut: { optedOut: false, at: null, keyword: null },
  };
  return summary;
}

function message(id: string, createdAt: string, status = "received") {
  const value: Message = {
    id,
    conversationId: "c1",
    direction: "inbound",
    from: "+14155550199",
    to: "+14155550100",
    body: "Hi",
    status,
    errorCode: null,
    errorMessage: null,
    sentBy: null,
    media: [],
    retryable: false,
    retrying: null,
    createdAt,
  };
  return value;
}

describe("mergeConversations", () => {
  it("sorts newest activity first", () => {
    const merged = mergeConversations([
      conversation("a", "2026-01-01T10:00:00.000Z"),
      conversation("b", "2026-01-02T10:00:00.000Z"),
    ]);

    expect(merged.map((item) => item.id)).toEqual(["b", "a"]);
  });

  it("lets later list win", () => {
    const merged = mergeConversations(
      [conversation("a", "2026-01-01T10:00:00.000Z", 3)],
      [conversation("a", "2026-01-01T10:00:00.000Z", 0)],
    );

    expect(merged).toHaveLength(1);
    expect(merged[0]?.unreadCount).toBe(0);
  });
});

describe("mergeMessages", () => {
  it("sorts oldest first", () => {
    const merged = mergeMessages([
      message("b", "2026-01-02T10:00:00.000Z"),
      message("a", "2026-01-01T10:00:00.000Z"),
    ]);

    expect(merged.map((item) => item.id)).toEqual(["a", "b"]);
  });

  it("replaces stale delivery status", () => {
    const merged = mergeMessages(
      [message("a", "2026-01-01T10:00:00.000Z", "queued")],
      [message("a", "2026-01-01T10:00:00.000Z", "delivered")],
    );

    expect(merged).toHaveLength(1);
    expect(merged[0]?.status).toBe("delivered");
  });

  it("orders same time by id", () => {
    const merged = mergeMessages([
      message("b", "2026-01-01T10:00:00.000Z"),
      message("a", "2026-01-01T10:00:00.000Z"),
    ]);

    expect(merged.map((item) => item.id)).toEqual(["a", "b"]);
  });
});
