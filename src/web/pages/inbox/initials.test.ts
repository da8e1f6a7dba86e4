import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("initials", () => {
  it.each([
    ["Ana María", "AM"],
    ["ana maría lópez", "AM"],
    ["Émile", "É"],
    ["  Zoë   Ng  ", "ZN"],
    ["O'Brien", "O"],
  ])("takes first letters of Latin name %j", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it("keeps an emoji whole", () => {
    expect(initials("😀 Smile Émile")).toBe("😀S");
    expect(initials("😀 Smile Émile")).not.toContain("\uFFFD");
  });

  it("keeps emoji with modifiers and joiners whole", () => {
    expect(initials("👋🏽 Wave")).toBe("👋🏽W");
    expect(initials("👩‍💻 Dev")).toBe("👩‍💻D");
  });

  it("keeps a flag emoji whole", () => {
    expect(initials("🇫🇷 Marie")).toBe("🇫🇷M");
  });

  it("keeps a combining accent with its letter", () => {
    const decomposed = "e\u0301mile Zola";
    expect(initials(decomposed)).toBe("E\u0301Z");
  });

  it("takes CJK characters and non-BMP ideographs", () => {
    expect(initials("王 小明")).toBe("王小");
    expect(initials("𠮷野 家")).toBe("𠮷家");
  });

  it("does not lengthen letters when upper-casing", () => {
    expect(initials("ßeta Test")).toBe("ßT");
  });

  it("returns empty string for blank names", () => {
    expect(initials("")).toBe("");
    expect(initials("   ")).toBe("");
  });
});
