import { describe, expect, it } from "vitest";
import type { Message } from "../../../common/api";
import { businessNumberMarks, businessNumberOf } from "./businessNumbers";

const CUSTOMER = "+14155550199";
const MAIN = "+14155550100";
const SECOND = "+14155550111";

function inbound(id: string, to: string): Message {
  return message(id, "inbound", CUSTOMER, to);
}

function outbound(id: string, from: string): Message {
  return message(id, "outbound", from, CUSTOMER);
}

function message(
  id: string,
  direction: Message["direction"],
  from: string,
  to: string,
): Message {
  return {
    id,
    conversationId: "c1",
    direction,
    from,
    to,
    body: "Hi",
    status: direction === "inbound" ? "received" : "delivered",
    errorCode: null,
    errorMessage: null,
    retryable: false,
    retrying: null,
    sentBy: null,
    media: [],
    createdAt: "2026-01-01T10:00:00.000Z",
  };
}

describe("businessNumberOf", () => {
  it("takes To of an inbound text", () => {
    expect(businessNumberOf(inbound("m1", MAIN))).toBe(MAIN);
  });

  it("takes From of an outbound text", () => {
    expect(businessNumberOf(outbound("m1", SECOND))).toBe(SECOND);
  });
});

describe("businessNumberMarks", () => {
  it("returns null for one number", () => {
    const messages = [inbound("m1", MAIN), outbound("m2", MAIN)];

    expect(businessNumberMarks(messages)).toBeNull();
  });

  it("returns null for no messages", () => {
    expect(businessNumberMarks([])).toBeNull();
  });

  it("marks every message with two numbers", () => {
    const marks = businessNumberMarks([
      inbound("m1", MAIN),
      outbound("m2", MAIN),
      outbound("m3", SECOND),
      inbound("m4", MAIN),
    ]);

    expect(marks?.get("m1")).toEqual({ number: MAIN, previousNumber: null });
    expect(marks?.get("m2")).toEqual({ number: MAIN, previousNumber: null });
    expect(marks?.get("m3")).toEqual({ number: SECOND, previousNumber: MAIN });
    expect(marks?.get("m4")).toEqual({ number: MAIN, previousNumber: SECOND });
  });
});
