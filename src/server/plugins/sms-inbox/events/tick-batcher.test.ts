import { describe, expect, it } from "vitest";
import { TickBatcher } from "./tick-batcher.js";

interface Load {
  group: string;
  members: readonly string[];
}

/** A batcher whose loads return `group:member` and are recorded. */
function recordingBatcher(maxMembers?: number) {
  const loads: Load[] = [];
  const batcher = new TickBatcher<string, string>(
    (group) => group,
    async (group, members) => {
      loads.push({ group, members });

      return (member) => `${group}:${member}`;
    },
    maxMembers,
  );

  return { batcher, loads };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("TickBatcher", () => {
  it("loads one turn's requests once", async () => {
    const { batcher, loads } = recordingBatcher();

    const results = await Promise.all([
      batcher.load("acme", "ana"),
      batcher.load("acme", "ben"),
      batcher.load("acme", "ana"),
    ]);

    expect(results).toEqual(["acme:ana", "acme:ben", "acme:ana"]);
    expect(loads).toEqual([{ group: "acme", members: ["ana", "ben"] }]);
  });

  it("loads each group apart", async () => {
    const { batcher, loads } = recordingBatcher();

    const results = await Promise.all([
      batcher.load("acme", "ana"),
      batcher.load("globex", "ana"),
    ]);

    expect(results).toEqual(["acme:ana", "globex:ana"]);
    expect(loads).toEqual([
      { group: "acme", members: ["ana"] },
      { group: "globex", members: ["ana"] },
    ]);
  });

  it("starts a new load after a turn", async () => {
    const { batcher, loads } = recordingBatcher();

    const first = batcher.load("acme", "ana");
    await nextTurn();
    const second = batcher.load("acme", "ana");

    expect(await first).toBe("acme:ana");
    expect(await second).toBe("acme:ana");
    expect(loads).toHaveLength(2);
  });

  it("splits member sets above the maximum", async () => {
    const { batcher, loads } = recordingBatcher(2);

    const results = await Promise.all(
      ["a", "b", "c", "a"].map((member) => batcher.load("acme", member)),
    );

    expect(results).toEqual(["acme:a", "acme:b", "acme:c", "acme:a"]);
    expect(loads).toEqual([
      { group: "acme", members: ["a", "b"] },
      { group: "acme", members: ["c"] },
    ]);
  });

  it("rejects every request of a failed load", async () => {
    const failure = new Error("database unavailable");
    const batcher = new TickBatcher<string, string>(
      (group) => group,
      () => Promise.reject(failure),
    );

    const results = await Promise.allSettled([
      batcher.load("acme", "ana"),
      batcher.load("acme", "ben"),
    ]);

    expect(results).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
  });

  it("rejects only the member whose pick throws", async () => {
    const batcher = new TickBatcher<string, string>(
      (group) => group,
      async () => (member) => {
        if (member === "ben") throw new Error("no result for ben");

        return member;
      },
    );

    const [ana, ben] = await Promise.allSettled([
      batcher.load("acme", "ana"),
      batcher.load("acme", "ben"),
    ]);

    expect(ana).toEqual({ status: "fulfilled", value: "ana" });
    expect(ben.status).toBe("rejected");
  });
});
