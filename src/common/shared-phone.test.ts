import { describe, expect, test } from "vitest";
import { sharedPhoneSentence } from "./shared-phone.js";

describe("sharedPhoneSentence", () => {
  test("one customer", () => {
    expect(sharedPhoneSentence(["Carla Gomez"], "+14155550177")).toBe(
      "Carla Gomez already has +1 415 555 0177.",
    );
  });

  test("two customers", () => {
    const text = sharedPhoneSentence(
      ["Carla Gomez", "Luis Gomez"],
      "+14155550177",
    );

    expect(text).toBe(
      "Carla Gomez and Luis Gomez already have +1 415 555 0177.",
    );
  });

  test("counts one name past three", () => {
    const text = sharedPhoneSentence(["A", "B", "C", "D"], "+14155550177");

    expect(text).toBe(
      "A, B, C and 1 other customer already have +1 415 555 0177.",
    );
  });

  test("counts names past three", () => {
    const names = ["A", "B", "C", "D", "E"];

    expect(sharedPhoneSentence(names, "+14155550177")).toBe(
      "A, B, C and 2 other customers already have +1 415 555 0177.",
    );
  });
});
