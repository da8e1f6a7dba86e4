import { describe, expect, it } from "vitest";
import {
  formatLimitError,
  formatTextStats,
  formatUcs2Warning,
  measureText,
} from "./segments";

describe("measureText", () => {
  it("counts plain text as gsm-7", () => {
    const stats = measureText("See you at the dock at 10am tomorrow, Maya!");

    expect(stats.characters).toBe(43);
    expect(stats.encoding).toBe("GSM-7");
    expect(stats.segments).toBe(1);
    expect(stats.nonGsmCharacters).toEqual([]);
  });

  it("splits gsm-7 after 160 characters", () => {
    expect(measureText("a".repeat(160)).segments).toBe(1);
    expect(measureText("a".repeat(161)).segments).toBe(2);
    expect(measureText("a".repeat(306)).segments).toBe(2);
    expect(measureText("a".repeat(307)).segments).toBe(3);
  });

  it("splits ucs-2 after 70 characters", () => {
    const text = (length: number) => `’${"a".repeat(length - 1)}`;

    expect(measureText(text(70)).segments).toBe(1);
    expect(measureText(text(71)).segments).toBe(2);
    expect(measureText(text(134)).segments).toBe(2);
    expect(measureText(text(135)).segments).toBe(3);
  });

  it("counts gsm extension characters twice", () => {
    // "€" takes an escape and a character in GSM-7, so 80 fill 160 septets.
    expect(measureText("€".repeat(80)).segments).toBe(1);
    expect(measureText("€".repeat(81)).segments).toBe(2);
    expect(measureText("€".repeat(81)).encoding).toBe("GSM-7");
  });

  it("lists each non-gsm character once", () => {
    const stats = measureText("It’s a 🌊 day, isn’t it?");

    expect(stats.encoding).toBe("UCS-2");
    expect(stats.nonGsmCharacters).toEqual(["’", "🌊"]);
  });

  it("measures the trimmed body", () => {
    const stats = measureText("  Hi\n\n");

    expect(stats.characters).toBe(2);
  });

  it("reports no segments when empty", () => {
    const stats = measureText("   ");

    expect(stats.characters).toBe(0);
    expect(stats.segments).toBe(0);
  });

  it("flags text over 1,600 characters", () => {
    expect(measureText("a".repeat(1600)).overLimit).toBe(false);
    expect(measureText("a".repeat(1601)).overLimit).toBe(true);
  });

  it("counts emoji as two characters", () => {
    expect(measureText("😀").characters).toBe(2);
    expect(measureText("😀".repeat(800)).overLimit).toBe(false);
    expect(measureText("😀".repeat(801)).overLimit).toBe(true);
  });
});

describe("formatTextStats", () => {
  it("shows characters segments and encoding", () => {
    const text = formatTextStats(measureText("x".repeat(43)));

    expect(text).toBe("43 characters · 1 segment (GSM-7)");
  });

  it("pluralises segments", () => {
    const text = formatTextStats(measureText("’".repeat(71)));

    expect(text).toBe("71 characters · 2 segments (UCS-2)");
  });

  it("groups thousands", () => {
    const text = formatTextStats(measureText("a".repeat(1200)));

    expect(text).toBe("1,200 characters · 8 segments (GSM-7)");
  });

  it("shows mms instead of segments", () => {
    const stats = measureText("’".repeat(71));

    expect(formatTextStats(stats, 1)).toBe(
      "71 characters · MMS with 1 attachment",
    );
    expect(formatTextStats(stats, 3)).toBe(
      "71 characters · MMS with 3 attachments",
    );
  });

  it("shows only characters when empty", () => {
    expect(formatTextStats(measureText(""))).toBe("0 characters");
  });
});

describe("formatUcs2Warning", () => {
  it("names the switching character", () => {
    const warning = formatUcs2Warning(measureText("It’s open"));

    expect(warning).toBe(
      "’ (right single quote) switches this text to UCS-2: 70 characters per segment instead of 160.",
    );
  });

  it("uses multi-part sizes when split", () => {
    const warning = formatUcs2Warning(measureText(`“${"a".repeat(80)}”`));

    expect(warning).toBe(
      "“ (left double quote) and ” (right double quote) switch this text to UCS-2: 67 characters per segment instead of 153.",
    );
  });

  it("stays silent for gsm-7", () => {
    expect(formatUcs2Warning(measureText("It's open"))).toBeNull();
  });
});

describe("formatLimitError", () => {
  it("states length limit and excess", () => {
    const error = formatLimitError(measureText("a".repeat(1650)));

    expect(error).toBe(
      "This text is 1,650 characters long, and Twilio accepts at most 1,600. Remove 50 characters or send the rest as another text.",
    );
  });

  it("stays silent within the limit", () => {
    expect(formatLimitError(measureText("a".repeat(1600)))).toBeNull();
  });
});
