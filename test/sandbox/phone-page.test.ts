import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startSandbox, type SandboxFixture } from "./support.js";

describe("sandbox phone page", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("page has the labelled controls", async () => {
    const response = await fixture.sandbox.app.inject({
      method: "GET",
      url: "/",
    });
    const html = response.body;

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html).toMatch(/<label for="handset">Your phone number<\/label>/);
    expect(html).toMatch(/<input\s+id="handset"/);
    expect(html).toMatch(/<label for="business">Business number<\/label>/);
    expect(html).toMatch(/<select id="business"/);
    expect(html).toMatch(/<label for="body">Message<\/label>/);
    expect(html).toMatch(/<textarea id="body"/);
    expect(html).toMatch(/<button type="submit">Send<\/button>/);
    expect(html).toMatch(/role="log"\s+aria-label="Conversation"/);
  });

  test("script and styles are served", async () => {
    const { app } = fixture.sandbox;

    const script = await app.inject({
      method: "GET",
      url: "/sandbox/phone.js",
    });
    const styles = await app.inject({
      method: "GET",
      url: "/sandbox/phone.css",
    });

    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toBe(
      "text/javascript; charset=utf-8",
    );
    expect(script.body).toContain("/sandbox/api/inbound");
    expect(styles.statusCode).toBe(200);
  });

  test("numbers list feeds the picker", async () => {
    const response = await fixture.sandbox.app.inject({
      method: "GET",
      url: "/sandbox/api/numbers",
    });

    expect(response.json()).toEqual({
      numbers: [
        {
          sid: fixture.number.sid,
          accountSid: fixture.account.sid,
          phoneNumber: "+14155550100",
          friendlyName: "(415) 555-0100",
          smsUrl: "",
        },
      ],
    });
  });
});
