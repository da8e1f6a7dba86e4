import { describe, expect, test } from "vitest";
import { documentTitle, unreadBadgeText } from "./unreadText";

describe("documentTitle", () => {
  test("leads with the unread count", () => {
    expect(documentTitle("Inbox", 3)).toBe("(3) Inbox · sms-inbox");
  });

  test("omits zero or unknown count", () => {
    expect(documentTitle("Inbox", 0)).toBe("Inbox · sms-inbox");
    expect(documentTitle("Customers", null)).toBe("Customers · sms-inbox");
  });

  test("empty title shows the app name", () => {
    expect(documentTitle("", null)).toBe("sms-inbox");
    expect(documentTitle("", 2)).toBe("(2) sms-inbox");
  });
});

describe("unreadBadgeText", () => {
  test("hides the badge without unread texts", () => {
    expect(unreadBadgeText(null)).toBeNull();
    expect(unreadBadgeText(0)).toBeNull();
  });

  test("shows the count up to 99", () => {
    expect(unreadBadgeText(1)).toBe("1");
    expect(unreadBadgeText(99)).toBe("99");
  });

  test("caps large counts", () => {
    expect(unreadBadgeText(100)).toBe("99+");
  });
});
