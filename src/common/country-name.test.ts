import { describe, expect, it } from "vitest";
import { countryName } from "./country-name.js";

describe("countryName", () => {
  it("names a lower-case code", () => {
    expect(countryName("us")).toBe("United States");
  });

  it("names an upper-case code", () => {
    expect(countryName("GB")).toBe("United Kingdom");
  });

  it("falls back to a malformed code", () => {
    expect(countryName("x1!")).toBe("X1!");
  });
});
