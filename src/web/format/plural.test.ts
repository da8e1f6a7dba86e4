import { describe, expect, test } from "vitest";
import { formatCount } from "./plural";

describe("formatCount", () => {
  test.each([
    [0, "0 customers"],
    [1, "1 customer"],
    [2, "2 customers"],
    [10_000, "10,000 customers"],
  ])("formats %i", (count, expected) => {
    expect(formatCount(count, "customer")).toBe(expected);
  });

  test("takes an irregular plural", () => {
    expect(formatCount(1, "person", "people")).toBe("1 person");
    expect(formatCount(3, "person", "people")).toBe("3 people");
  });
});
