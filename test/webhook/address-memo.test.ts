import { describe, expect, test } from "vitest";
import { conversationAddress } from "../../src/common/phone.js";
import { webhookAddress } from "../../src/server/plugins/sms-inbox/webhook/address-memo.js";

const CASES: [address: string, country: string][] = [
  ["+14155550100", "US"],
  ["(415) 555-0100", "US"],
  ["020 7946 0018", "GB"],
  ["020 7946 0018", "US"],
  ["68849", "US"],
  ["SUPPORT", "GB"],
  ["0044 20 7946 0018", "US"],
  ["not a number", "US"],
];

describe("webhookAddress", () => {
  test("matches conversationAddress on repeats", () => {
    for (let round = 0; round < 2; round++) {
      for (const [address, country] of CASES) {
        expect(webhookAddress(address, country)).toBe(
          conversationAddress(address, country),
        );
      }
    }
  });

  test("stays correct past its size limit", () => {
    for (let index = 0; index < 12_000; index++) {
      const address = `+1628${String(1_000_000 + index)}`;
      expect(webhookAddress(address, "US")).toBe(address);
    }
    for (const [address, country] of CASES) {
      expect(webhookAddress(address, country)).toBe(
        conversationAddress(address, country),
      );
    }
  });
});
