import { describe, expect, it } from "vitest";
import {
  formatClockTime,
  formatDayHeading,
  formatEventTime,
  formatListTime,
  isSameDay,
} from "./time";

// Vitest runs with TZ=UTC (vitest.config.ts), so calendar days are UTC days.
const now = new Date("2026-03-10T15:00:00.000Z").getTime();

describe("formatListTime", () => {
  it("shows now under a minute", () => {
    expect(formatListTime("2026-03-10T14:59:30.000Z", now)).toBe("now");
  });

  it("shows minutes under an hour", () => {
    expect(formatListTime("2026-03-10T14:48:00.000Z", now)).toBe("12 min");
  });

  it("shows yesterday for previous day", () => {
    expect(formatListTime("2026-03-09T23:00:00.000Z", now)).toBe("Yesterday");
  });

  it("shows date after a week", () => {
    const text = formatListTime("2026-02-01T10:00:00.000Z", now);

    expect(text).toMatch(/Feb/);
    expect(text).not.toMatch(/2026/);
  });

  it("adds year for earlier years", () => {
    expect(formatListTime("2025-12-01T10:00:00.000Z", now)).toMatch(/2025/);
  });
});

describe("formatDayHeading", () => {
  it("names today", () => {
    expect(formatDayHeading("2026-03-10T01:00:00.000Z", now)).toBe("Today");
  });

  it("names yesterday", () => {
    expect(formatDayHeading("2026-03-09T01:00:00.000Z", now)).toBe("Yesterday");
  });
});

describe("formatEventTime", () => {
  it("names today with the time", () => {
    const iso = "2026-03-10T09:05:00.000Z";

    expect(formatEventTime(iso, now)).toBe(`today at ${formatClockTime(iso)}`);
  });

  it("names yesterday with the time", () => {
    const iso = "2026-03-09T18:02:00.000Z";

    expect(formatEventTime(iso, now)).toBe(
      `yesterday at ${formatClockTime(iso)}`,
    );
  });

  it("gives date without year this year", () => {
    const iso = "2026-03-05T18:02:00.000Z";
    const text = formatEventTime(iso, now);

    expect(text).toMatch(/^on Mar 5 at /);
    expect(text).toMatch(new RegExp(`at ${formatClockTime(iso)}$`));
    expect(text).not.toMatch(/2026/);
    expect(text).not.toMatch(/Thursday/);
  });

  it("adds year for earlier years", () => {
    expect(formatEventTime("2025-12-05T18:02:00.000Z", now)).toMatch(
      /^on Dec 5, 2025 at /,
    );
  });
});

describe("isSameDay", () => {
  it("compares calendar days", () => {
    expect(isSameDay("2026-03-10T00:10:00Z", "2026-03-10T23:50:00Z")).toBe(
      true,
    );
    expect(isSameDay("2026-03-09T23:50:00Z", "2026-03-10T00:10:00Z")).toBe(
      false,
    );
  });
});
