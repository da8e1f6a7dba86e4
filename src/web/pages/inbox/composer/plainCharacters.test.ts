import { describe, expect, it } from "vitest";
import { measureText } from "./segments";
import { hasPlainReplacement, plainCharacters } from "./plainCharacters";

describe("plainCharacters", () => {
  it("replaces quotes dashes and ellipses", () => {
    const text = plainCharacters("“It’s on” – see you…");

    expect(text).toBe(`"It's on" - see you...`);
    expect(measureText(text).encoding).toBe("GSM-7");
  });

  it("replaces odd spaces", () => {
    expect(plainCharacters("10\u00A0am\tsharp\u200B")).toBe("10 am sharp");
  });

  it("keeps emoji", () => {
    expect(plainCharacters("Surf’s up 🌊")).toBe("Surf's up 🌊");
  });
});

describe("hasPlainReplacement", () => {
  it("detects replaceable characters", () => {
    expect(hasPlainReplacement(["🌊", "’"])).toBe(true);
  });

  it("rejects characters without one", () => {
    expect(hasPlainReplacement(["🌊", "ç"])).toBe(false);
  });
});
