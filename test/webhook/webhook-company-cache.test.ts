import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { uninstallPlugin } from "../../src/server/host/plugins/plugin-installer.js";
import { SMS_INBOX_PLUGIN_ID } from "../../src/server/plugins/sms-inbox/plugin-keys.js";
import { WEBHOOK_COMPANY_TTL_MS } from "../../src/server/plugins/sms-inbox/webhook/webhook-company-cache.js";
import { rotateCompanyWebhookToken } from "../../src/server/plugins/sms-inbox/webhook-health/token-rotation.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  inboundParams,
  postSigned,
  tokenUrl,
  type InboxCompany,
} from "./webhook-fixture.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await testApp.close();
});

/** Posts a text and returns the status code. The first post fills the cache. */
async function deliver(
  inbox: InboxCompany,
  authToken = inbox.twilio.authToken,
) {
  const request = signedWebhookRequest(
    tokenUrl(inbox.company),
    inboundParams(inbox.twilio),
    authToken,
  );
  const response = await testApp.app.inject(request);

  return response.statusCode;
}

/** Moves the clock that the cache reads past its TTL. */
function passTtl(): void {
  const later = Date.now() + WEBHOOK_COMPANY_TTL_MS + 1;
  vi.spyOn(Date, "now").mockReturnValue(later);
}

/** Changes the stored auth token the way another instance would. */
async function storeAuthToken(inbox: InboxCompany, authToken: string) {
  await testApp.ctx.db
    .updateTable("twilio_connections")
    .set({ auth_token_encrypted: testApp.ctx.secretBox.seal(authToken) })
    .where("company_id", "=", inbox.company.id)
    .execute();
}

describe("webhook company cache", () => {
  test("uninstall in process rejects at once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    expect(await deliver(inbox)).toBe(200);

    await uninstallPlugin(testApp.ctx, inbox.company.id, SMS_INBOX_PLUGIN_ID);

    expect(await deliver(inbox)).toBe(404);
  });

  test("rotation in process drops old token", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    expect(await deliver(inbox)).toBe(200);

    await rotateCompanyWebhookToken(testApp.ctx, inbox.company.id, {
      staffId: null,
      ip: null,
    });
    // The old token is now the previous one, accepted for a day from the
    // database, and no longer the cached current token.
    await testApp.ctx.db
      .updateTable("companies")
      .set({ previous_webhook_token_expires_at: new Date(0).toISOString() })
      .where("id", "=", inbox.company.id)
      .execute();

    expect(await deliver(inbox)).toBe(404);
  });

  test("uninstall elsewhere rejects after TTL", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    expect(await deliver(inbox)).toBe(200);

    await testApp.ctx.db
      .deleteFrom("plugin_installations")
      .where("company_id", "=", inbox.company.id)
      .execute();

    expect(await deliver(inbox)).toBe(200);
    passTtl();
    expect(await deliver(inbox)).toBe(404);
  });

  test("old auth token rejected after TTL", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const oldToken = inbox.twilio.authToken;
    expect(await deliver(inbox)).toBe(200);

    await storeAuthToken(inbox, "new-auth-token-value");

    expect(await deliver(inbox, oldToken)).toBe(200);
    passTtl();
    expect(await deliver(inbox, oldToken)).toBe(403);
  });

  test("new auth token accepted at once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    expect(await deliver(inbox)).toBe(200);

    await storeAuthToken(inbox, "new-auth-token-value");

    expect(await deliver(inbox, "new-auth-token-value")).toBe(200);
    // The fresh lookup replaced the cached connection.
    expect(await deliver(inbox, inbox.twilio.authToken)).toBe(403);
  });

  test("forged request stores nothing", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    expect(await deliver(inbox)).toBe(200);

    expect(await deliver(inbox, "forged-auth-token")).toBe(403);
    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
    );
    expect(response.statusCode).toBe(200);
    const stored = await testApp.ctx.db
      .selectFrom("messages")
      .select("id")
      .execute();
    expect(stored).toHaveLength(2);
  });
});
