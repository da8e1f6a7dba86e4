import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxSetup } from "../../src/common/api.js";
import type { NumberWebhookHealth } from "../../src/common/webhook-health-api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import { statusCallbackUrl } from "../../src/server/plugins/sms-inbox/status/status-callback-url.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import { inboundParams } from "../webhook/webhook-fixture.js";
import {
  auditRows,
  currentTokenUrl,
  fetchHealth,
  healthOf,
  pointNumberAt,
  PUBLIC_URL,
  sandboxNumber,
} from "./health-fixture.js";

const DAY_MS = 24 * 60 * 60 * 1000;

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

async function rotate(tenant: Tenant): Promise<InboxSetup> {
  const response = await callApi(
    server,
    tenant.owner,
    "POST",
    "/setup/webhook-token/rotate",
  );
  expect(response.statusCode).toBe(200);

  return response.json<InboxSetup>();
}

/** Posts a signed incoming text to `url` and returns the status code. */
async function deliverText(tenant: Tenant, url: string): Promise<number> {
  const params = inboundParams(tenant.connection);
  const response = await server.test.app.inject(
    signedWebhookRequest(url, params, tenant.connection.authToken),
  );

  return response.statusCode;
}

/** Moves the end of the previous token's grace period to `at`. */
async function expirePreviousToken(tenant: Tenant, at: Date): Promise<void> {
  await server.ctx.db
    .updateTable("companies")
    .set({ previous_webhook_token_expires_at: at.toISOString() })
    .where("id", "=", tenant.company.id)
    .execute();
}

describe("webhook token rotation", () => {
  it("issues a new token with a day of grace", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    const before = Date.now();

    const setup = await rotate(tenant);

    expect(setup.webhookUrl).not.toBe(oldUrl);
    expect(setup.webhookUrl).toBe(await currentTokenUrl(server, tenant));
    const validUntil = Date.parse(setup.previousTokenValidUntil ?? "");
    expect(validUntil).toBeGreaterThanOrEqual(before + DAY_MS);
    expect(validUntil).toBeLessThanOrEqual(Date.now() + DAY_MS);
  });

  it("records an audit entry without tokens", async () => {
    const tenant = await buildTenant(server);
    const oldToken = tenant.company.webhookToken;

    const setup = await rotate(tenant);
    const rows = await auditRows(
      server,
      tenant,
      auditActions.webhookTokenRotated,
    );

    expect(rows).toHaveLength(1);
    const newToken = setup.webhookUrl.split("/").pop() ?? "";
    expect(newToken).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(rows)).not.toContain(oldToken);
    expect(JSON.stringify(rows)).not.toContain(newToken);
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({
      previousTokenValidUntil: setup.previousTokenValidUntil,
    });
  });

  it("accepts texts on the old token during grace", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    const setup = await rotate(tenant);

    expect(await deliverText(tenant, oldUrl)).toBe(200);
    expect(await deliverText(tenant, setup.webhookUrl)).toBe(200);
  });

  it("accepts status callbacks on the old token during grace", async () => {
    const tenant = await buildTenant(server);
    const oldCallback = statusCallbackUrl(
      PUBLIC_URL,
      tenant.company.webhookToken,
    );
    await rotate(tenant);
    const params = {
      MessageSid: `SM${"a".repeat(32)}`,
      MessageStatus: "delivered",
      AccountSid: tenant.account.sid,
      From: DEFAULT_NUMBER,
      To: "+14155550199",
      ApiVersion: "2010-04-01",
    };

    const response = await server.test.app.inject(
      signedWebhookRequest(oldCallback, params, tenant.connection.authToken),
    );

    expect(response.statusCode).toBe(200);
  });

  it("rejects the old token after grace", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    const setup = await rotate(tenant);
    await expirePreviousToken(tenant, new Date(Date.now() - 1000));

    const status = await deliverText(tenant, oldUrl);
    const response = await callApi(server, tenant.owner, "GET", "/setup");

    expect(status).toBe(404);
    expect(await deliverText(tenant, setup.webhookUrl)).toBe(200);
    expect(response.json<InboxSetup>().previousTokenValidUntil).toBeNull();
  });

  it("rejects a second rotation during grace", async () => {
    const tenant = await buildTenant(server);
    const firstUrl = await currentTokenUrl(server, tenant);
    const setup = await rotate(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/webhook-token/rotate",
    );

    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(
      /previous webhook URL is still accepted until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    expect(await currentTokenUrl(server, tenant)).toBe(setup.webhookUrl);
    expect(await deliverText(tenant, firstUrl)).toBe(200);
  });

  it("rotates again after grace", async () => {
    const tenant = await buildTenant(server);
    const firstUrl = await currentTokenUrl(server, tenant);
    await rotate(tenant);
    const secondUrl = await currentTokenUrl(server, tenant);
    await expirePreviousToken(tenant, new Date(Date.now() - 1000));
    await rotate(tenant);

    expect(await deliverText(tenant, firstUrl)).toBe(404);
    expect(await deliverText(tenant, secondUrl)).toBe(200);
  });

  it("shows numbers on the old token as needing an update", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    pointNumberAt(sandboxNumber(server, tenant), oldUrl);
    const setup = await rotate(tenant);

    const during = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );
    await expirePreviousToken(tenant, new Date(Date.now() - 1000));
    const after = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(during.state).toBe("previous_token");
    expect(during.message).toContain(setup.previousTokenValidUntil ?? "?");
    expect(during.canSetWebhook).toBe(true);
    expect(after.state).toBe("old_token");
    expect(after.canSetWebhook).toBe(true);
  });

  it("updates a number to the new token", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    const number = sandboxNumber(server, tenant);
    pointNumberAt(number, oldUrl);
    const setup = await rotate(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: oldUrl } },
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<NumberWebhookHealth>().state).toBe("ok");
    expect(number.smsUrl).toBe(setup.webhookUrl);
  });

  it("rejects staff without Manage company", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.viewer,
      "POST",
      "/setup/webhook-token/rotate",
    );

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
    expect(await currentTokenUrl(server, tenant)).toContain(
      tenant.company.webhookToken,
    );
  });
});
