import { afterEach, expect, test } from "vitest";
import type { InboxSetup } from "../../src/common/api.js";
import { callAs } from "../admin/admin-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
} from "../support/factories.js";

let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
});

/** Returns the setup page's data for a connected company on `publicUrl`. */
async function setupOn(publicUrl: string): Promise<InboxSetup> {
  t = await buildTestApp({ PUBLIC_URL: publicUrl });
  const company = await buildCompany(t.ctx);
  const owner = await buildStaff(t.ctx, company);
  await installSmsInbox(t.ctx, company);
  await connectTwilio(t.ctx, company);

  const response = await callAs(t, owner, "GET", "/api/plugins/sms-chat/setup");
  expect(response.statusCode).toBe(200);

  return response.json<InboxSetup>();
}

test("loopback public URL is reported", async () => {
  const setup = await setupOn("http://127.0.0.1:3000");

  expect(setup.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\//);
  expect(setup.webhookUrlProblem).toBe(
    "Twilio cannot reach 127.0.0.1, because it is an address of this computer only. Set PUBLIC_URL to the public HTTPS address of this server (for example its address behind a reverse proxy or a tunnel), restart the server, and set the webhook on each number again.",
  );
});

test("public URL has no problem", async () => {
  const setup = await setupOn("https://inbox.example.com");

  expect(setup.webhookUrlProblem).toBeNull();
});
