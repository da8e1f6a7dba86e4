import { describe, expect, it } from "vitest";
import type {
  ConversationSummary,
  InboxEvent,
  Message,
} from "../../../common/api";
import {
  isCredentialsRejectedSend,
  isReturnReloadDue,
  RETURN_RELOAD_MIN_INTERVAL_MS,
} from "./webhookAlertReloads";

const conversation: ConversationSummary = {
  id: "c1",
  customerNumber: "+14155550199",
  customer: null,
  customerMatches: [],
  customerName: null,
  inboxNumber: "+14155550100",
  lastMessageAt: "2026-01-01T10:00:00.000Z",
  lastMessagePreview: "Hi",
  lastMessageFailed: true,
  unreadCount: 0,
  optOut: { optedOut: false, at: null, keyword: null },
};

function failedReply(changes: Partial<Message> = {}): Message {
  return {
    id: "m1",
    conversationId: "c1",
    direction: "outbound",
    from: "+14155550100",
    to: "+14155550199",
    body: "Hi",
    status: "failed",
    errorCode: 20003,
    errorMessage: "Twilio rejected the Account SID or auth token.",
    sentBy: null,
    media: [],
    retryable: true,
    retrying: null,
    createdAt: "2026-01-01T10:00:00.000Z",
    ...changes,
  };
}

function event(message: Message | null): InboxEvent {
  return {
    type: message ? "message.updated" : "conversation.updated",
    conversation,
    message,
    totalUnread: 0,
  };
}

describe("isCredentialsRejectedSend", () => {
  it("matches a reply failed with 20003", () => {
    expect(isCredentialsRejectedSend(event(failedReply()))).toBe(true);
  });

  it("ignores other error codes", () => {
    const undelivered = failedReply({ errorCode: 30003 });

    expect(isCredentialsRejectedSend(event(undelivered))).toBe(false);
  });

  it("ignores a reply without an error", () => {
    const sent = failedReply({ status: "sent", errorCode: null });

    expect(isCredentialsRejectedSend(event(sent))).toBe(false);
  });

  it("ignores a status other than failed", () => {
    const queued = failedReply({ status: "queued" });

    expect(isCredentialsRejectedSend(event(queued))).toBe(false);
  });

  it("ignores inbound texts", () => {
    const inbound = failedReply({ direction: "inbound" });

    expect(isCredentialsRejectedSend(event(inbound))).toBe(false);
  });

  it("ignores events without a message", () => {
    expect(isCredentialsRejectedSend(event(null))).toBe(false);
  });
});

describe("isReturnReloadDue", () => {
  const loadedAt = 1_000_000;

  it("skips a reload within the interval", () => {
    const now = loadedAt + RETURN_RELOAD_MIN_INTERVAL_MS - 1;

    expect(isReturnReloadDue(loadedAt, now)).toBe(false);
  });

  it("reloads once the interval has passed", () => {
    const now = loadedAt + RETURN_RELOAD_MIN_INTERVAL_MS;

    expect(isReturnReloadDue(loadedAt, now)).toBe(true);
  });
});
