import { describe, expect, it } from "vitest";
import type { TwilioConnection } from "../../../common/api";
import { isAccountChange } from "./accountChange";

const SID = `AC${"a1".repeat(16)}`;

const connected: TwilioConnection = {
  connected: true,
  accountSid: SID,
  authTokenMasked: "••••cdef",
  defaultNumber: "+14155550100",
  updatedAt: "2026-03-03T10:00:00.000Z",
};

const notConnected: TwilioConnection = {
  connected: false,
  accountSid: null,
  authTokenMasked: null,
  defaultNumber: null,
  updatedAt: null,
};

describe("isAccountChange", () => {
  it("is false for the saved SID", () => {
    expect(isAccountChange(connected, SID)).toBe(false);
  });

  it("ignores surrounding spaces", () => {
    expect(isAccountChange(connected, `  ${SID} `)).toBe(false);
  });

  it("is true for another SID", () => {
    expect(isAccountChange(connected, `AC${"b2".repeat(16)}`)).toBe(true);
  });

  it("compares letter case exactly", () => {
    expect(isAccountChange(connected, SID.toUpperCase())).toBe(true);
  });

  it("is false before the first connection", () => {
    expect(isAccountChange(notConnected, SID)).toBe(false);
  });
});
