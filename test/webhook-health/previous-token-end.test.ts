import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxSetup } from "../../src/common/api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import { auditDetailLabels } from "../../src/web/pages/admin/audit/auditDetails.js";
import {
  buildTenant,
  callApi,
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
  errorMessage,
  fetchHealth,
  healthOf,
  pointNumberAt,
  sandboxNumber,
} from "./health-fixture.js";

const END_PATH = "/setup/webhook-token/previous/end";

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
  expect(response.statusCode, response.body).toBe(200);

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

describe("ending the previous webhook token", () => {
  it("rejects the previous URL at once", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    const rotated = await rotate(tenant);
    expect(await deliverText(tenant, oldUrl)).toBe(200);

    const response = await callApi(server, tenant.owner, "POST", END_PATH);

    expect(response.statusCode, response.body).toBe(200);
    const setup = response.json<InboxSetup>();
    expect(setup.previousTokenValidUntil).toBeNull();
    expect(setup.webhookUrl).toBe(rotated.webhookUrl);
    expect(await deliverText(tenant, oldUrl)).toBe(404);
    expect(await deliverText(tenant, rotated.webhookUrl)).toBe(200);
  });

  it("records an audit entry without tokens", async () => {
    const tenant = await buildTenant(server);
    const oldToken = tenant.company.webhookToken;
    const rotated = await rotate(tenant);

    await callApi(server, tenant.owner, "POST", END_PATH);

    const rows = await auditRows(
      server,
      tenant,
      auditActions.previousWebhookTokenEnded,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_staff_id).toBe(tenant.owner.id);
    const details = JSON.parse(rows[0]?.details ?? "{}") as object;
    expect(details).toEqual({
      previousTokenValidUntil: rotated.previousTokenValidUntil,
    });
    expect(Object.keys(details).every((key) => key in auditDetailLabels)).toBe(
      true,
    );
    expect(JSON.stringify(rows)).not.toContain(oldToken);
  });

  it("allows the next rotation", async () => {
    const tenant = await buildTenant(server);
    const firstUrl = await currentTokenUrl(server, tenant);
    await rotate(tenant);
    const secondUrl = await currentTokenUrl(server, tenant);
    await callApi(server, tenant.owner, "POST", END_PATH);

    const third = await rotate(tenant);

    expect(third.previousTokenValidUntil).not.toBeNull();
    expect(await deliverText(tenant, firstUrl)).toBe(404);
    expect(await deliverText(tenant, secondUrl)).toBe(200);
    expect(await deliverText(tenant, third.webhookUrl)).toBe(200);
  });

  it("shows numbers on the old URL as old", async () => {
    const tenant = await buildTenant(server);
    const oldUrl = await currentTokenUrl(server, tenant);
    pointNumberAt(sandboxNumber(server, tenant), oldUrl);
    await rotate(tenant);

    await callApi(server, tenant.owner, "POST", END_PATH);
    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      tenant.connection.defaultNumber,
    );

    expect(health.state).toBe("old_token");
  });

  it("without a previous token gets 409", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(server, tenant.owner, "POST", END_PATH);

    expect(response.statusCode).toBe(409);
    expect(errorMessage(response)).toContain(
      "No previous webhook URL is accepted any more",
    );
    expect(
      await auditRows(server, tenant, auditActions.previousWebhookTokenEnded),
    ).toEqual([]);
  });

  it("a second request gets 409", async () => {
    const tenant = await buildTenant(server);
    await rotate(tenant);

    const responses = await Promise.all([
      callApi(server, tenant.owner, "POST", END_PATH),
      callApi(server, tenant.owner, "POST", END_PATH),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    expect(
      await auditRows(server, tenant, auditActions.previousWebhookTokenEnded),
    ).toHaveLength(1);
  });

  it("staff without manage get 403", async () => {
    const tenant = await buildTenant(server);
    await rotate(tenant);

    const response = await callApi(server, tenant.viewer, "POST", END_PATH);

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
    const setup = await callApi(server, tenant.owner, "GET", "/setup");
    expect(setup.json<InboxSetup>().previousTokenValidUntil).not.toBeNull();
  });

  it("signed-out request gets 401", async () => {
    const response = await callApi(server, null, "POST", END_PATH);

    expect(response.statusCode).toBe(401);
  });
});
