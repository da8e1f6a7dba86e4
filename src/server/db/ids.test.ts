import { afterEach, describe, expect, test, vi } from "vitest";
import { newId } from "./ids.js";

const VERSION_7 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Reads the Unix time in milliseconds from a version 7 UUID. */
function timeOf(id: string): number {
  return parseInt(id.replaceAll("-", "").slice(0, 12), 16);
}

/** Returns whether each id sorts after the one before it. */
function isIncreasing(ids: readonly string[]): boolean {
  return ids.every((id, index) => index === 0 || ids[index - 1]! < id);
}

describe("newId", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("is a version 7 UUID of the current time", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();

    expect(id).toMatch(VERSION_7);
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  test("ids of later milliseconds sort after earlier ones", async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = newId();

    expect(first < second).toBe(true);
  });

  test("ids are unique", () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newId()));

    expect(ids.size).toBe(20_000);
  });

  test("ids made in one millisecond sort in the order they were made", () => {
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ["Date"] });
    const ids = Array.from({ length: 20 }, () => newId());

    expect(isIncreasing(ids)).toBe(true);
    expect(new Set(ids.map(timeOf)).size).toBe(1);
  });

  test("ids keep increasing past the counter's last value", () => {
    const frozen = Date.now() + 120_000;
    vi.useFakeTimers({ now: frozen, toFake: ["Date"] });
    const ids = Array.from({ length: 10_000 }, () => newId());

    expect(isIncreasing(ids)).toBe(true);
    expect(ids.every((id) => VERSION_7.test(id))).toBe(true);
    expect(timeOf(ids.at(-1)!)).toBeGreaterThan(frozen);
  });

  test("ids keep increasing when the clock steps back", () => {
    const start = Date.now() + 180_000;
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    const before = newId();
    vi.setSystemTime(start - 5_000);
    const after = newId();

    expect(before < after).toBe(true);
    expect(timeOf(after)).toBe(start);
  });
});
