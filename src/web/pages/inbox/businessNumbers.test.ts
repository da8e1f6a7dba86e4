import { describe, expect, it } from "vitest";
import type { InboxNumber, Message } from "../../../common/api";
import {
  businessNumberMarks,
  businessNumberOf,
  businessNumberText,
  describeBusinessNumber,
  type BusinessNumberMark,
} from "./businessNumbers";

const CUSTOMER = "+14155550199";
const MAIN = "+14155550100";
const SECOND = "+14155550111";
/** A number the company no longer has. */
const REMOVED = "+14155550122";

const NUMBERS: InboxNumber[] = [
  { id: "default", phoneNumber: MAIN, name: "Front desk", isDefault: true },
  { id: "n2", phoneNumber: SECOND, name: "Repairs", isDefault: false },
];

const main = { phoneNumber: MAIN, name: "Front desk" };
const second = { phoneNumber: SECOND, name: "Repairs" };

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

    expect(businessNumberMarks(messages, NUMBERS)).toBeNull();
  });

  it("returns null for no messages", () => {
    expect(businessNumberMarks([], NUMBERS)).toBeNull();
  });

  it("marks every message with two numbers", () => {
    const marks = businessNumberMarks(
      [
        inbound("m1", MAIN),
        outbound("m2", MAIN),
        outbound("m3", SECOND),
        inbound("m4", MAIN),
      ],
      NUMBERS,
    );

    expect(marks?.get("m1")).toEqual({ number: main, previousNumber: null });
    expect(marks?.get("m2")).toEqual({ number: main, previousNumber: null });
    expect(marks?.get("m3")).toEqual({ number: second, previousNumber: main });
    expect(marks?.get("m4")).toEqual({ number: main, previousNumber: second });
  });

  it("leaves a removed number unnamed", () => {
    const marks = businessNumberMarks(
      [inbound("m1", REMOVED), outbound("m2", MAIN)],
      NUMBERS,
    );

    expect(marks?.get("m1")?.number).toEqual({
      phoneNumber: REMOVED,
      name: null,
    });
    expect(marks?.get("m2")?.previousNumber).toEqual({
      phoneNumber: REMOVED,
      name: null,
    });
  });
});

describe("businessNumberText", () => {
  it("shows the name before the number", () => {
    const mark: BusinessNumberMark = { number: second, previousNumber: null };

    expect(businessNumberText(mark)).toBe("via Repairs · +1 415 555 0111");
  });

  it("shows the number alone without a name", () => {
    const mark: BusinessNumberMark = {
      number: { phoneNumber: REMOVED, name: null },
      previousNumber: null,
    };

    expect(businessNumberText(mark)).toBe("via +1 415 555 0122");
  });
});

describe("describeBusinessNumber", () => {
  it("names the number a reply was sent from", () => {
    const mark: BusinessNumberMark = { number: second, previousNumber: null };

    expect(describeBusinessNumber("outbound", mark)).toBe(
      "Sent from Repairs · +1 415 555 0111",
    );
  });

  it("names the number before a change", () => {
    const mark: BusinessNumberMark = { number: main, previousNumber: second };

    expect(describeBusinessNumber("inbound", mark)).toBe(
      "Received on Front desk · +1 415 555 0100. The message before used Repairs · +1 415 555 0111.",
    );
  });
});
