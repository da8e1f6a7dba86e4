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

  test("labels webhook details", () => {
    const lines = describeAuditDetails({
      phoneNumber: "+14155550111",
      previousSmsUrl: "https://other.example.net/sms",
      previousSmsMethod: "GET",
      newSmsUrl: "https://inbox.example.com/v1/plugins/sms-chat/webhook/****",
      newSmsMethod: "POST",
    });

    expect(lines.map((line) => line.label)).toEqual([
      "Phone number",
      "Previous SMS URL",
      "Previous SMS method",
      "New SMS URL",
      "New SMS method",
    ]);
  });

  test("labels token and plugin location details", () => {
    const lines = describeAuditDetails({
      previousTokenValidUntil: "2026-12-11T19:21:59.166Z",
      enabledAt: ["Harbour"],
      disabledAt: [],
    });

    expect(lines).toEqual([
      { label: "Previous token valid until", text: expect.any(String) },
      { label: "Enabled at", text: "Harbour" },
      { label: "Disabled at", text: "none" },
    ]);
  });

  test("names the customers sharing a confirmed number", () => {
    const lines = describeAuditDetails({
      phone: "+14155550133",
      phoneSharedWith: ["Ada Lovelace", "Grace Hopper"],
    });

    expect(lines).toEqual([
      { label: "Phone", text: "+14155550133" },
      {
        label: "Confirmed sharing the number with",
        text: "Ada Lovelace, Grace Hopper",
      },
    ]);
  });

  test("writes abbreviations in unknown keys in capitals", () => {
    const labels = describeAuditDetails({
      statusCallbackUrl: "https://example.com",
      mmsSid: "MM1",
      sender_ip: "127.0.0.1",
    }).map((line) => line.label);

    expect(labels).toEqual(["Status callback URL", "MMS SID", "Sender IP"]);
  });
});
