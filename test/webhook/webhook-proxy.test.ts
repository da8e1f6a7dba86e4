import { afterEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  WEBHOOK_PATH,
  buildInboxCompany,
  countRows,
  inboundParams,
  postSigned,
} from "./webhook-fixture.js";

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function start(publicUrl: string): Promise<TestApp> {
  testApp = await buildTestApp({ PUBLIC_URL: publicUrl });

  return testApp;
}

describe("webhook behind a reverse proxy", () => {
  test("public url signature accepted", async () => {
    const { app, ctx } = await start("https://inbox.example.com");
    const inbox = await buildInboxCompany(ctx);
    const url = `https://inbox.example.com${WEBHOOK_PATH}/${inbox.company.webhookToken}`;

    const response = await postSigned(
      app,
      inbox,
      inboundParams(inbox.twilio),
      url,
    );

    expect(response.statusCode).toBe(200);
  });

  test("internal url signature rejected", async () => {
    const { app, ctx } = await start("https://inbox.example.com");
    const inbox = await buildInboxCompany(ctx);
    const url = `http://internal:3000${WEBHOOK_PATH}/${inbox.company.webhookToken}`;

    const response = await postSigned(
      app,
      inbox,
      inboundParams(inbox.twilio),
      url,
    );

    expect(response.statusCode).toBe(403);
    expect((await countRows(ctx)).messages).toBe(0);
  });

  test("public url with path prefix", async () => {
    const { app, ctx } = await start("https://example.com/prefix");
    const inbox = await buildInboxCompany(ctx);
    const path = `${WEBHOOK_PATH}/${inbox.company.webhookToken}?site=2`;
    const request = signedWebhookRequest(
      `https://example.com/prefix${path}`,
      inboundParams(inbox.twilio),
      inbox.twilio.authToken,
    );

    // The proxy strips /prefix before forwarding.
    const response = await app.inject({ ...request, url: path });

    expect(response.statusCode).toBe(200);
  });

  test("prefix missing from signature rejected", async () => {
    const { app, ctx } = await start("https://example.com/prefix");
    const inbox = await buildInboxCompany(ctx);
    const url = `https://example.com${WEBHOOK_PATH}/${inbox.company.webhookToken}`;

    const response = await postSigned(
      app,
      inbox,
      inboundParams(inbox.twilio),
      url,
    );

    expect(response.statusCode).toBe(403);
  });

  test("host header is not trusted", async () => {
    const { app, ctx } = await start("https://inbox.example.com");
    const inbox = await buildInboxCompany(ctx);
    const url = `https://attacker.example${WEBHOOK_PATH}/${inbox.company.webhookToken}`;
    const request = signedWebhookRequest(
      url,
      inboundParams(inbox.twilio),
      inbox.twilio.authToken,
    );

    const response = await app.inject({
      ...request,
      headers: {
        ...request.headers,
        host: "attacker.example",
        "x-forwarded-host": "attacker.example",
        "x-forwarded-proto": "https",
      },
    });

    expect(response.statusCode).toBe(403);
  });
});
