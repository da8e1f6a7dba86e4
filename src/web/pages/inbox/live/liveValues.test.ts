import { describe, expect, it } from "vitest";
import { keepWithinLoaded } from "./loadedRange";
import { splitBySnapshot, type Stamped } from "./liveValues";
import { parseInboxEvent } from "./parseInboxEvent";

describe("splitBySnapshot", () => {
  const live = new Map<string, Stamped<string>>([
    ["a", { value: "early", receivedAt: 100 }],
    ["b", { value: "late", receivedAt: 300 }],
  ]);

  it("lets a later snapshot win", () => {
    expect(splitBySnapshot(live, 200)).toEqual({
      before: ["early"],
      after: ["late"],
    });
  });

  it("keeps everything without a snapshot", () => {
    expect(splitBySnapshot(live, null)).toEqual({
      before: [],
      after: ["early", "late"],
    });
  });
});

describe("keepWithinLoaded", () => {
  const time = (value: string) => value;

  it("drops items older than the loaded pages", () => {
    const kept = keepWithinLoaded(
      ["2026-01-01", "2026-03-01"],
      ["2026-02-01", "2026-04-01"],
      true,
      time,
    );

    expect(kept).toEqual(["2026-03-01"]);
  });

  it("keeps everything on the last page", () => {
    const kept = keepWithinLoaded(["2026-01-01"], ["2026-02-01"], false, time);

    expect(kept).toEqual(["2026-01-01"]);
  });
});

describe("parseInboxEvent", () => {
  const valid = {
    type: "conversation.read",
    conversation: { id: "c1" },
    message: null,
    totalUnread: 0,
  };

  it("accepts a known event", () => {
    expect(parseInboxEvent(JSON.stringify(valid))).toEqual(valid);
  });

  it("accepts a conversation update", () => {
    const updated = { ...valid, type: "conversation.updated" };

    expect(parseInboxEvent(JSON.stringify(updated))).toEqual(updated);
  });

  it("rejects malformed data", () => {
    const cases = [
      "not json",
      "null",
      JSON.stringify({ ...valid, type: "conversation.deleted" }),
      JSON.stringify({ ...valid, totalUnread: "0" }),
      JSON.stringify({ ...valid, conversation: null }),
    ];

    for (const data of cases) expect(parseInboxEvent(data)).toBeNull();
  });
});
