import { describe, expect, it } from "vitest";
import { inboxNumberLabel } from "./inboxNumber";

describe("inboxNumberLabel", () => {
  it("puts the name before the number", () => {
    expect(
      inboxNumberLabel({ phoneNumber: "+14155550111", name: "Shop line" }),
    ).toBe("Shop line · +1 415 555 0111");
  });

  it("shows the number alone without a name", () => {
    expect(inboxNumberLabel({ phoneNumber: "+14155550111", name: null })).toBe(
      "+1 415 555 0111",
    );
  });
});
