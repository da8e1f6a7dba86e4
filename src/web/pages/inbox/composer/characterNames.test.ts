import { describe, expect, it } from "vitest";
import { describeCharacter, describeCharacters } from "./characterNames";

describe("describeCharacter", () => {
  it("names typographic quotes", () => {
    expect(describeCharacter("’")).toBe("’ (right single quote)");
  });

  it("names invisible characters only", () => {
    expect(describeCharacter("\u00A0")).toBe("non-breaking space");
  });

  it("calls pictographs emoji", () => {
    expect(describeCharacter("🌊")).toBe("🌊 (emoji)");
    expect(describeCharacter("❤️")).toBe("❤️ (emoji)");
    expect(describeCharacter("👨‍👩‍👧")).toBe("👨‍👩‍👧 (emoji)");
  });

  it("gives other characters' code points", () => {
    expect(describeCharacter("ç")).toBe("ç (U+00E7)");
    expect(describeCharacter("ж")).toBe("ж (U+0436)");
    expect(describeCharacter("©")).toBe("© (U+00A9)");
  });
});

describe("describeCharacters", () => {
  it("joins two with and", () => {
    expect(describeCharacters(["’", "🌊"])).toBe(
      "’ (right single quote) and 🌊 (emoji)",
    );
  });

  it("summarises beyond four", () => {
    const text = describeCharacters(["‘", "’", "“", "”", "–", "—"]);

    expect(text).toBe(
      "‘ (left single quote), ’ (right single quote), “ (left double quote), ” (right double quote) and 2 more",
    );
  });
});
