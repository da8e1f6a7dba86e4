import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { errorCode, seedInbound } from "../inbox/inbox-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
  type BuiltStaff,
  type BuiltTwilioConnection,
} from "../support/factories.js";
import {
  basicAuth,
  fetchAttachment,
  JPEG_BYTES,
  startFakeHost,
  type FakeHost,
} from "./media-fixture.js";

const CUSTOMER = "+14155550182";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeHost(handler: Parameters<typeof startFakeHost>[0]) {
  const host = await startFakeHost(handler);
  cleanups.push(() => host.close());

  return host;
}

/** Starts an app whose Twilio API base URL is `twilio`'s origin. */
async function startApp(twilio: FakeHost, env: Record<string, string> = {}) {
  const test = await buildTestApp({
    TWILIO_API_BASE_URL: twilio.origin,
    MEDIA_FETCH_TIMEOUT_MS: "500",
    ...env,
  });
  cleanups.push(() => test.close());

  return test;
}

interface Inbox {
  test: TestApp;
  staff: BuiltStaff;
  connection: BuiltTwilioConnection;
  /** Stores an incoming text with one attachment and returns its id. */
  receive(url: string, contentType?: string): Promise<string>;
}

async function buildInbox(test: TestApp): Promise<Inbox> {
  const company = await buildCompany(test.ctx);
  const connection = await connectTwilio(test.ctx, company);
  await installSmsInbox(test.ctx, company);
  const staff = await buildStaff(test.ctx, company);
  const receive = async (url: string, contentType = "image/jpeg") => {
    const stored = await seedInbound(test.ctx, company, {
      from: CUSTOMER,
      body: "",
      media: [{ url, contentType }],
    });

    return stored.messageId;
  };

  return { test, staff, connection, receive };
}

function sendJpeg(response: ServerResponse) {
  response.writeHead(200, {
    "content-type": "image/jpeg",
    "content-length": String(JPEG_BYTES.length),
  });
  response.end(JPEG_BYTES);
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(302, { location });
  response.end();
}

describe("media proxy redirects", () => {
  it("same origin keeps credentials", async () => {
    const twilio = await fakeHost((request, response) => {
      if (request.url === "/Media/ME1") redirect(response, "/storage/1");
      else sendJpeg(response);
    });
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    const auth = basicAuth(
      inbox.connection.accountSid,
      inbox.connection.authToken,
    );
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(JPEG_BYTES)).toBe(true);
    expect(twilio.hits).toEqual([
      { url: "/Media/ME1", authorization: auth },
      { url: "/storage/1", authorization: auth },
    ]);
  });

  it("other origin drops credentials", async () => {
    const storage = await fakeHost((_request, response) => sendJpeg(response));
    const twilio = await fakeHost((_request, response) =>
      redirect(response, `${storage.origin}/bucket/ME1?signature=abc`),
    );
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(JPEG_BYTES)).toBe(true);
    expect(twilio.hits[0]?.authorization).toBe(
      basicAuth(inbox.connection.accountSid, inbox.connection.authToken),
    );
    expect(storage.hits).toEqual([
      { url: "/bucket/ME1?signature=abc", authorization: undefined },
    ]);
  });

  it("redirect loop gets 502", async () => {
    const twilio = await fakeHost((_request, response) =>
      redirect(response, "/Media/ME1"),
    );
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toContain("redirects");
    expect(twilio.hits).toHaveLength(6);
  });
});

describe("media proxy limits", () => {
  it("declared size over limit gets 413", async () => {
    const twilio = await fakeHost((_request, response) => {
      response.writeHead(200, {
        "content-type": "image/jpeg",
        "content-length": "2048",
      });
      response.end(Buffer.alloc(2048));
    });
    const test = await startApp(twilio, { MEDIA_MAX_BYTES: "1024" });
    const inbox = await buildInbox(test);
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe("media_too_large");
    expect(response.json().error.message).toContain("1 KB");
  });

  it("chunked size over limit gets 413", async () => {
    const twilio = await fakeHost((_request, response) => {
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.write(Buffer.alloc(800));
      response.end(Buffer.alloc(800));
    });
    const test = await startApp(twilio, { MEDIA_MAX_BYTES: "1024" });
    const inbox = await buildInbox(test);
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe("media_too_large");
  });

  it("chunked size under limit streams", async () => {
    const twilio = await fakeHost((_request, response) => {
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.write(JPEG_BYTES.subarray(0, 5));
      response.end(JPEG_BYTES.subarray(5));
    });
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(JPEG_BYTES)).toBe(true);
    expect(response.headers["content-length"]).toBe(String(JPEG_BYTES.length));
  });

  it("disallowed type gets 415 unfetched", async () => {
    const twilio = await fakeHost((_request, response) => sendJpeg(response));
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(
      `${twilio.origin}/Media/ME1`,
      "text/html",
    );

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(415);
    expect(errorCode(response)).toBe("media_type_not_allowed");
    expect(response.json().error.message).toContain('"text/html"');
    expect(twilio.hits).toEqual([]);
  });

  it("slow twilio gets 504", async () => {
    const twilio = await fakeHost((_request, response) => {
      setTimeout(() => sendJpeg(response), 1500);
    });
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(504);
    expect(errorCode(response)).toBe("media_fetch_timed_out");
  });

  it("twilio error status gets 502", async () => {
    const twilio = await fakeHost((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      response.end('{"code":20404}');
    });
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(`${twilio.origin}/Media/ME1`);

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toContain("HTTP 404");
  });
});

describe("media proxy ssrf guard", () => {
  it.each([
    [
      "another host",
      (twilio: FakeHost, other: FakeHost) => `${other.origin}/x`,
    ],
    [
      "same port as localhost",
      (twilio: FakeHost) => twilio.origin.replace("127.0.0.1", "localhost"),
    ],
    [
      "credentials in url",
      (twilio: FakeHost) => twilio.origin.replace("//", "//user:pass@"),
    ],
    ["file url", () => "file:///etc/passwd"],
    ["not a url", () => "Media/ME1"],
  ])("refuses %s", async (_name, buildUrl) => {
    const twilio = await fakeHost((_request, response) => sendJpeg(response));
    const other = await fakeHost((_request, response) => sendJpeg(response));
    const inbox = await buildInbox(await startApp(twilio));
    const messageId = await inbox.receive(buildUrl(twilio, other));

    const response = await fetchAttachment(inbox, inbox.staff, messageId, 0);

    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("media_url_not_allowed");
    expect(twilio.hits).toEqual([]);
    expect(other.hits).toEqual([]);
  });
});
