import { describe, expect, it } from "vitest";
import { loginPathFor, readNextPath } from "./nextPath";

describe("readNextPath", () => {
  it("returns local path", () => {
    expect(readNextPath("?next=%2Finbox%2Fc1")).toBe("/inbox/c1");
  });

  it("defaults to root without parameter", () => {
    expect(readNextPath("")).toBe("/");
  });

  it.each([
    ["protocol-relative URL", "?next=%2F%2Fevil.example"],
    ["absolute URL", "?next=https%3A%2F%2Fevil.example"],
    ["backslash URL", "?next=%2F%5Cevil.example"],
  ])("rejects %s", (_name, search) => {
    expect(readNextPath(search)).toBe("/");
  });
});

describe("loginPathFor", () => {
  it("carries page as next", () => {
    expect(loginPathFor("/inbox/c1")).toBe("/login?next=%2Finbox%2Fc1");
  });

  it("drops next for root", () => {
    expect(loginPathFor("/")).toBe("/login");
  });
});
