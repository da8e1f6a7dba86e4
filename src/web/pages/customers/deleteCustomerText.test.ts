import { describe, expect, test } from "vitest";
import { deleteCustomerText } from "./deleteCustomerText";

describe("deleteCustomerText", () => {
  test("number has country code", () => {
    const text = deleteCustomerText({
      id: "c1",
      name: "Dana",
      phone: "510 555 0192",
      phoneE164: "+15105550192",
    });

    expect(text).toContain("Conversations with +1 510 555 0192 and");
  });

  test("unreadable number stays as entered", () => {
    const text = deleteCustomerText({
      id: "c2",
      name: "Old Row",
      phone: "front desk",
      phoneE164: null,
    });

    expect(text).toContain("Conversations with front desk and");
  });
});
