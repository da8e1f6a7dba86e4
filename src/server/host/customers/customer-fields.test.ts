import { describe, expect, test } from "vitest";
import { readCustomerName, readPhone } from "./customer-fields.js";

describe("readPhone extensions", () => {
  test.each([
    ["(415) 555-9907 x 123", "(415) 555-9907", "123"],
    ["(415) 555-9907 x123", "(415) 555-9907", "123"],
    ["415-555-9907 ext. 5", "415-555-9907", "5"],
    ["415 555 9907 extension 42", "415 555 9907", "42"],
    ["+1 415 555 9907;ext=12", "+1 415 555 9907", "12"],
    ["415.555.9907#7", "415.555.9907", "7"],
    ["+44 20 7946 0958 ext 9", "+44 20 7946 0958", "9"],
  ])("%j reads as %j", (input, phone, extension) => {
    const reading = readPhone(input, "US");

    expect(reading.ok).toBe(true);
    if (!reading.ok) return;

    expect(reading.phone).toBe(phone);
    expect(reading.extension).toBe(extension);
    expect(readPhone(phone, "US")).toEqual({ ...reading, extension: null });
  });

  test.each([["(415) 555-9907"], ["+1 415 555 9907"], ["  415 555 9907  "]])(
    "%j has no extension",
    (input) => {
      const reading = readPhone(input, "US");

      expect(reading).toEqual({
        ok: true,
        phone: input.trim(),
        e164: "+14155559907",
        extension: null,
      });
    },
  );
});

describe("readCustomerName", () => {
  test("unpaired surrogate is rejected", () => {
    const reading = readCustomerName("Sam\ud800 Lee");

    expect(reading.ok).toBe(false);
    if (reading.ok) return;

    expect(reading.problem).toBe("control_character");
    expect(reading.message).toContain("the unpaired surrogate U+D800");
  });

  test("line breaks inside become one space", () => {
    expect(readCustomerName("Sam\r\n\tLee\n")).toEqual({
      ok: true,
      name: "Sam Lee",
    });
  });
});
