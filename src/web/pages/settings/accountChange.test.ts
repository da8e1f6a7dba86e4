import { describe, expect, it } from "vitest";
import type { TwilioConnection } from "../../../common/api";
import { currentNumbersText, isAccountChange } from "./accountChange";

const SID = `AC${"a1".repeat(16)}`;

const connected: TwilioConnection = {
  connected: true,
  accountSid: SID,
  authTokenMasked: "••••cdef",
  defaultNumber: "+14155550100",
  updatedAt: "2026-03-03T10:00:00.000Z",
  credentialsRejectedAt: null,
};

const notConnected: TwilioConnection = {
  connected: false,
  accountSid: null,
  authTokenMasked: null,
  defaultNumber: null,
  updatedAt: null,
  credentialsRejectedAt: null,
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

describe("currentNumbersText", () => {
  const main = "the default number (415) 555-0100";

  it("hedges while extras are unknown", () => {
    expect(currentNumbersText(main, null)).toBe(
      `${main} and any extra SMS Inbox numbers`,
    );
  });

  it("names only the default without extras", () => {
    expect(currentNumbersText(main, [])).toBe(main);
  });

  it("names one extra number", () => {
    expect(currentNumbersText(main, ["(415) 555-0111"])).toBe(
      `${main} and the extra SMS Inbox number (415) 555-0111`,
    );
  });

  it("lists several extra numbers", () => {
    const extras = ["(415) 555-0111", "(415) 555-0122", "(415) 555-0133"];

    expect(currentNumbersText(main, extras)).toBe(
      `${main} and the extra SMS Inbox numbers (415) 555-0111, (415) 555-0122 and (415) 555-0133`,
    );
  });
});
