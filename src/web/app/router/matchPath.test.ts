import { describe, expect, it } from "vitest";
import { matchPath } from "./matchPath";

describe("matchPath", () => {
  it("matches static path", () => {
    expect(matchPath("/inbox", "/inbox")).toEqual({});
  });

  it("ignores trailing slash", () => {
    expect(matchPath("/inbox", "/inbox/")).toEqual({});
  });

  it("decodes named parameter", () => {
    expect(matchPath("/inbox/:conversationId", "/inbox/a%20b")).toEqual({
      conversationId: "a b",
    });
  });

  it("rejects different segment", () => {
    expect(matchPath("/plugins/sms-chat/setup", "/plugins/other/setup")).toBe(
      null,
    );
  });

  it("rejects extra segments", () => {
    expect(matchPath("/inbox/:conversationId", "/inbox/a/b")).toBe(null);
  });

  it("keeps malformed encoding as is", () => {
    expect(matchPath("/inbox/:id", "/inbox/%E0%A4%A")).toEqual({
      id: "%E0%A4%A",
    });
  });
});
