import { describe, expect, test } from "vitest";
import { unreachablePublicUrl } from "./public-url-reach.js";

const TWILIO = "https://api.twilio.com";

describe("unreachablePublicUrl", () => {
  test.each([
    ["http://127.0.0.1:3000", "an address of this computer only"],
    ["http://localhost:3000", "an address of this computer only"],
    ["http://[::1]:3000", "an address of this computer only"],
    ["http://10.0.0.5", "an address on a private network"],
    ["http://172.20.1.2", "an address on a private network"],
    ["http://192.168.1.20:8080", "an address on a private network"],
    ["http://169.254.10.1", "an address on a private network"],
    ["http://100.72.0.3", "an address on a private network"],
    ["http://[fd12:3456::1]", "an address on a private network"],
    ["http://[::ffff:192.168.0.9]", "an address on a private network"],
    ["http://inbox", "a name that resolves only on your own network"],
    [
      "http://inbox.local:3000",
      "a name that resolves only on your own network",
    ],
    ["http://app.home.arpa", "a name that resolves only on your own network"],
  ])("%s is out of Twilio's reach", (publicUrl, reason) => {
    const problem = unreachablePublicUrl(publicUrl, TWILIO);

    expect(problem).toContain(`because it is ${reason}.`);
    expect(problem).toMatch(/^Twilio cannot reach /);
    expect(problem).toMatch(/Set PUBLIC_URL to the public HTTPS address/);
  });

  test.each([
    "https://inbox.example.com",
    "https://inbox.example.com/sms",
    "http://203.0.113.7:3000",
    "http://172.32.0.1",
    "http://[2001:db8::5]",
  ])("%s is reachable", (publicUrl) => {
    expect(unreachablePublicUrl(publicUrl, TWILIO)).toBeNull();
  });

  test("names the host in the message", () => {
    expect(unreachablePublicUrl("http://127.0.0.1:3000", TWILIO)).toMatch(
      /^Twilio cannot reach 127\.0\.0\.1, because/,
    );
  });

  test("a Twilio API on the same network reaches it", () => {
    expect(
      unreachablePublicUrl("http://127.0.0.1:3000", "http://127.0.0.1:3001"),
    ).toBeNull();
  });
});
