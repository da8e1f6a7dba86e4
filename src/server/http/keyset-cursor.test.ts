import { describe, expect, test } from "vitest";
import { isAppError } from "../errors.js";
import {
  cutKeysetPage,
  decodeCursor,
  encodeCursor,
  type KeysetPosition,
} from "./keyset-cursor.js";

function tokenOf(json: string): string {
  return Buffer.from(json).toString("base64url");
}

/** Returns the error that decodeCursor throws for `token`. */
function rejection(token: string, field = "cursor") {
  try {
    decodeCursor(token, field);
  } catch (error) {
    if (isAppError(error)) return error;
  }
  throw new Error(`decodeCursor accepted ${token}`);
}

describe("keyset cursor", () => {
  test("round trip keeps the position", () => {
    const position: KeysetPosition = {
      at: "2026-03-01T10:00:00.000Z",
      id: "0195f3c2-7d1e-7000-8000-000000000001",
    };

    expect(decodeCursor(encodeCursor(position), "cursor")).toEqual(position);
  });

  test("round trip keeps names with quotes and accents", () => {
    const position = { at: 'Zoë "Z" O\'Neil 😀', id: "c1" };

    expect(decodeCursor(encodeCursor(position), "cursor")).toEqual(position);
  });

  test("token is URL-safe", () => {
    const token = encodeCursor({ at: "??>>~~", id: "ÿÿÿ" });

    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test("decodes tokens in the issued format", () => {
    // base64url of ["2026-01-02T03:04:05.000Z","m1"], as issued by the
    // inbox lists, the audit log and the customer list.
    const token = "WyIyMDI2LTAxLTAyVDAzOjA0OjA1LjAwMFoiLCJtMSJd";

    expect(decodeCursor(token, "cursor")).toEqual({
      at: "2026-01-02T03:04:05.000Z",
      id: "m1",
    });
  });

  test.each([
    ["not base64url", "abc+/=="],
    ["spaces", "WyJhIiwiYiJd "],
    ["not JSON", tokenOf("not json")],
    ["empty", ""],
  ])("rejects malformed token: %s", (_case, token) => {
    const error = rejection(token);

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("validation_failed");
  });

  test.each([
    ["object", '{"at":"a","id":"b"}'],
    ["string", '"a"'],
    ["null", "null"],
    ["one element", '["a"]'],
    ["three elements", '["a","b","c"]'],
  ])("rejects wrong JSON shape: %s", (_case, json) => {
    expect(rejection(tokenOf(json)).code).toBe("validation_failed");
  });

  test.each([
    ["number key", '[1,"b"]'],
    ["number id", '["a",2]'],
    ["null id", '["a",null]'],
    ["nested array", '[["a"],"b"]'],
  ])("rejects wrong element types: %s", (_case, json) => {
    expect(rejection(tokenOf(json)).code).toBe("validation_failed");
  });

  test("error names the field", () => {
    const error = rejection("%%%", "before");

    expect(error.field).toBe("before");
    expect(error.message).toBe(
      "before: the paging cursor is invalid. Reload the list to start again.",
    );
  });
});

describe("cutKeysetPage", () => {
  const rows = ["a", "b", "c"].map((id) => ({ id, at: `t-${id}` }));
  const positionOf = (row: { id: string; at: string }) => row;

  test("extra row gives next cursor", () => {
    const page = cutKeysetPage(rows, 2, positionOf);

    expect(page.rows.map((row) => row.id)).toEqual(["a", "b"]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? "", "cursor")).toEqual({
      at: "t-b",
      id: "b",
    });
  });

  test("no extra row means no cursor", () => {
    const page = cutKeysetPage(rows, 3, positionOf);

    expect(page.rows).toHaveLength(3);
    expect(page.nextCursor).toBeNull();
  });

  test("empty rows give an empty page", () => {
    const page = cutKeysetPage([], 2, positionOf);

    expect(page.rows).toEqual([]);
    expect(page.nextCursor).toBeNull();
  });

  test("leaves the fetched rows unchanged", () => {
    const fetched = [...rows];
    cutKeysetPage(fetched, 1, positionOf).rows.reverse();

    expect(fetched).toEqual(rows);
  });
});
