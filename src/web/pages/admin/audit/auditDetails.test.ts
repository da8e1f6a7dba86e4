import { describe, expect, test } from "vitest";
import { describeAuditDetails } from "./auditDetails";

describe("describeAuditDetails", () => {
  test("formats old and new values", () => {
    const lines = describeAuditDetails({
      defaultNumber: { old: null, new: "+14155550100" },
      authTokenChanged: true,
    });

    expect(lines).toEqual([
      { label: "Default number", text: "none → +14155550100" },
      { label: "Auth token changed", text: "yes" },
    ]);
  });

  test("formats added and removed lists", () => {
    const lines = describeAuditDetails({
      permissions: { added: ["SMS Inbox (send)"], removed: [] },
      locations: { added: [], removed: ["Harbour", "Pier"] },
    });

    expect(lines).toEqual([
      { label: "Permissions", text: "added SMS Inbox (send)" },
      { label: "Locations", text: "removed Harbour, Pier" },
    ]);
  });

  test("splits unknown camelCase keys", () => {
    expect(describeAuditDetails({ someNewFact: ["a", "b"] })).toEqual([
      { label: "Some new fact", text: "a, b" },
    ]);
  });

  test("formats stored timestamps for people", () => {
    const [line] = describeAuditDetails({
      inviteExpiresAt: "2026-12-11T19:21:59.166Z",
    });

    expect(line?.label).toBe("Invite link expires");
    expect(line?.text).not.toContain("T19:21");
    expect(line?.text).toContain("2026");
  });
});
