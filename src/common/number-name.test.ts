import { describe, expect, it } from "vitest";
import {
  MAX_NUMBER_NAME_LENGTH,
  nameFromFriendlyName,
  normalizeNumberName,
  numberNameProblem,
} from "./number-name.js";

describe("nameFromFriendlyName", () => {
  it("keeps a descriptive name", () => {
    expect(nameFromFriendlyName("  Shop   line ", "+14155550111")).toBe(
      "Shop line",
    );
  });

  it("drops Twilio's default name", () => {
    expect(nameFromFriendlyName("(415) 555-0111", "+14155550111")).toBeNull();
    expect(nameFromFriendlyName("+14155550111", "+14155550111")).toBeNull();
  });

  it("keeps digits of another number", () => {
    expect(nameFromFriendlyName("(415) 555-0199", "+14155550111")).toBe(
      "(415) 555-0199",
    );
  });

  it("drops a blank or missing name", () => {
    expect(nameFromFriendlyName("   ", "+14155550111")).toBeNull();
    expect(nameFromFriendlyName(null, "+14155550111")).toBeNull();
  });

  it("cuts a long name", () => {
    const name = nameFromFriendlyName("x".repeat(80), "+14155550111");

    expect(name).toBe("x".repeat(MAX_NUMBER_NAME_LENGTH));
  });
});

describe("numberNameProblem", () => {
  it("accepts the maximum length", () => {
    expect(numberNameProblem("é".repeat(MAX_NUMBER_NAME_LENGTH))).toBeNull();
  });

  it("rejects a longer name", () => {
    expect(numberNameProblem("x".repeat(MAX_NUMBER_NAME_LENGTH + 1))).toBe(
      "A number's name has at most 64 characters; this one has 65.",
    );
  });

  it("rejects control characters", () => {
    expect(numberNameProblem("Shop\u0007line")).toBe(
      "A number's name cannot contain control characters.",
    );
  });

  it("collapses white space", () => {
    expect(normalizeNumberName(" Shop \n line ")).toBe("Shop line");
  });
});
