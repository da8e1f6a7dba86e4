import { describe, expect, it } from "vitest";
import { DraftKey, randomKey } from "./draftKey";

const uuidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function counter() {
  let next = 0;

  return () => `key-${++next}`;
}

describe("DraftKey", () => {
  it("reuses key for same request", () => {
    const draft = new DraftKey(counter());

    expect(draft.keyFor({ body: "Hi" })).toBe("key-1");
    expect(draft.keyFor({ body: "Hi" })).toBe("key-1");
  });

  it("renews key when request changes", () => {
    const draft = new DraftKey(counter());
    draft.keyFor({ body: "Hi" });

    expect(draft.keyFor({ body: "Hi there" })).toBe("key-2");
    expect(draft.keyFor({ body: "Hi there" })).toBe("key-2");
  });

  it("keeps first key while editing", () => {
    const draft = new DraftKey(counter());

    // No attempt yet, so the key made when the draft started is used.
    expect(draft.keyFor({ body: "Typed after a while" })).toBe("key-1");
  });

  it("renews key after reset", () => {
    const draft = new DraftKey(counter());
    draft.keyFor({ body: "Hi" });
    draft.reset();

    expect(draft.keyFor({ body: "Hi" })).toBe("key-2");
  });

  it("generates random uuids by default", () => {
    const first = new DraftKey().keyFor({ body: "Hi" });
    const second = new DraftKey().keyFor({ body: "Hi" });

    expect(first).toMatch(uuidPattern);
    expect(second).not.toBe(first);
  });
});

describe("randomKey", () => {
  it("builds uuid without randomUUID", () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", {
      value: undefined,
      configurable: true,
    });
    try {
      const keys = [randomKey(), randomKey()];

      expect(keys[0]).toMatch(uuidPattern);
      expect(keys[1]).toMatch(uuidPattern);
      expect(keys[1]).not.toBe(keys[0]);
    } finally {
      Object.defineProperty(crypto, "randomUUID", {
        value: original,
        configurable: true,
      });
    }
  });
});
