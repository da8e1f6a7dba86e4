import { describe, expect, test } from "vitest";
import { phoneSearchDigits } from "./phone-search.js";

describe("phoneSearchDigits", () => {
  test.each([
    ["GB", "020 7946", "207946"],
    ["GB", "07700 900", "7700900"],
    ["GB", "020/7946 0958", "2079460958"],
    ["GB", "+44 20 7946", "44207946"],
    ["GB", "+44 (0)20 7946", "44207946"],
    ["GB", "0044 20 7946", "44207946"],
    ["US", "(415) 555-01", "41555501"],
    ["US", "1 415 555", "415555"],
    ["US", "+1 (415) 555-0123", "14155550123"],
    ["US", "011 44 20 7946", "44207946"],
    ["US", "001 415 555", "1415555"],
    ["US", "555-01", "55501"],
    ["us", "1 415 555", "415555"],
    ["IT", "06 1234", "061234"],
    ["HU", "06 1 234", "1234"],
    ["RU", "8 495 123", "495123"],
    ["US", "+999 123", "999123"],
    ["US", "1234", "1234"],
    ["GB", "0958", "0958"],
    ["GB", "02079460958", "2079460958"],
  ])("%s %s gives %s", (country, typed, digits) => {
    expect(phoneSearchDigits(typed, country)).toBe(digits);
  });

  test.each([
    ["letters", "Grace"],
    ["digits and letters", "415 Main"],
    ["punctuation only", "()"],
    ["empty", ""],
  ])("returns null for %s", (_case, typed) => {
    expect(phoneSearchDigits(typed, "US")).toBeNull();
  });
});
