import { describe, expect, test } from "vitest";
import type { Customer } from "../../../common/api";
import {
  customerNumberText,
  hasOtherNumber,
  otherNumberWarning,
} from "./numberMismatch";

const british: Customer = {
  id: "c1",
  name: "Alan",
  phone: "020 7946 0958",
  phoneE164: "+442079460958",
};
const unreadable: Customer = {
  id: "c2",
  name: "Old Row",
  phone: "front desk",
  phoneE164: null,
};

describe("hasOtherNumber", () => {
  test("same E.164 number is not different", () => {
    expect(hasOtherNumber(british, "+442079460958")).toBe(false);
  });

  test("another number is different", () => {
    expect(hasOtherNumber(british, "+14155550199")).toBe(true);
  });

  test("unreadable number counts as different", () => {
    expect(hasOtherNumber(unreadable, "+14155550199")).toBe(true);
  });
});

describe("customerNumberText", () => {
  test("formats E.164 numbers", () => {
    expect(customerNumberText(british)).toBe("+44 20 7946 0958");
  });

  test("shows an unreadable number as stored", () => {
    expect(customerNumberText(unreadable)).toBe("front desk");
  });
});

describe("otherNumberWarning", () => {
  test("names both numbers and the customer", () => {
    const text = otherNumberWarning(british, "+14155550199");

    expect(text).toContain("This conversation is with +1 415 555 0199");
    expect(text).toContain("Alan's number is +44 20 7946 0958");
    expect(text).toContain("replies still go to +1 415 555 0199");
  });
});
