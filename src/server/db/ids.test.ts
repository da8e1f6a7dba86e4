import { describe, expect, test } from "vitest";
import { newId } from "./ids.js";

const VERSION_7 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Reads the Unix time in milliseconds from a version 7 UUID. */
function timeOf(id: string): number {
  return parseInt(id.replaceAll("-", "").slice(0, 12), 16);
}

describe("newId", () => {
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
});
