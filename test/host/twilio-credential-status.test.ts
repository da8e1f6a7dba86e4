import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  TwilioConnection,
  TwilioConnectionSaved,
  TwilioConnectionTest,
} from "../../src/common/api.js";
import type { WebhookAlerts } from "../../src/common/webhook-health-api.js";
import {
  buildTenant,
  callApi,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  startTwilioFaultProxy,
  type TwilioFaultProxy,
} from "../support/twilio-fault-proxy.js";

let proxy: TwilioFaultProxy;
let server: InboxServer;

beforeAll(async () => {
  proxy = await startTwilioFaultProxy();
  server = await startInboxServer({ TWILIO_API_BASE_URL: proxy.baseUrl });
  const { port } = server.sandbox.app.server.address() as AddressInfo;
  proxy.setTarget(`http://127.0.0.1:${port}`);
});

afterEach(() => {
  proxy.failUpdates(null);
});

afterAll(async () => {
  await server.close();
  await proxy.close();
});

/** Gives the tenant's sandbox account a new auth token, as a rotation would. */
function rotateAuthToken(tenant: Tenant): string {
  const token = randomBytes(16).toString("hex");
  tenant.account.authToken = token;

  return token;
}

async function fetchConnection(tenant: Tenant): Promise<TwilioConnection> {
  const response = await server.test.app.inject({
    url: "/api/company/twilio",
    headers: tenant.owner.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json<TwilioConnection>();
}

async function testConnection(tenant: Tenant): Promise<TwilioConnectionTest> {
  const response = await server.test.app.inject({
    method: "POST",
    url: "/api/company/twilio/test",
    headers: tenant.owner.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json<TwilioConnectionTest>();
}

async function saveToken(
  tenant: Tenant,
  authToken: string,
): Promise<TwilioConnectionSaved> {
  const response = await server.test.app.inject({
    method: "PUT",
    url: "/api/company/twilio",
    headers: { ...tenant.owner.headers, "content-type": "application/json" },
    payload: JSON.stringify({ ...tenant.connection, authToken }),
  });
  expect(response.statusCode).toBe(200);

  return response.json<TwilioConnectionSaved>();
}

async function fetchAlerts(tenant: Tenant): Promise<WebhookAlerts> {
  const response = await callApi(
    server,
    tenant.owner,
    "GET",
    "/webhook-alerts",
  );
  expect(response.statusCode).toBe(200);

  return response.json<WebhookAlerts>();
}

describe("GET /api/company/twilio credential status", () => {
  it("is null for working credentials", async () => {
    const tenant = await buildTenant(server);

    const test = await testConnection(tenant);
    const connection = await fetchConnection(tenant);

    expect(test.ok).toBe(true);
    expect(connection.connected).toBe(true);
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("shows a rejection found by the test", async () => {
    const tenant = await buildTenant(server);
    await testConnection(tenant);
    const newToken = rotateAuthToken(tenant);
    const before = new Date().toISOString();

    const test = await testConnection(tenant);
    const connection = await fetchConnection(tenant);

    expect(test.twilioCode).toBe(20003);
    expect(connection.connected).toBe(true);
    expect(connection.credentialsRejectedAt).not.toBeNull();
    expect(connection.credentialsRejectedAt! >= before).toBe(true);
    expect(JSON.stringify(connection)).not.toContain(
      tenant.connection.authToken,
    );
    expect(JSON.stringify(connection)).not.toContain(newToken);
  });

  it("matches the inbox banner", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);

    await testConnection(tenant);
    const connection = await fetchConnection(tenant);
    const alerts = await fetchAlerts(tenant);

    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(connection.credentialsRejectedAt).toBe(
      alerts.checkProblem?.checkedAt,
    );
  });

  it("shows a rejection found by the banner's check", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);

    const alerts = await fetchAlerts(tenant);
    const connection = await fetchConnection(tenant);

    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(connection.credentialsRejectedAt).toBe(
      alerts.checkProblem?.checkedAt,
    );
  });

  it("clears after a successful test", async () => {
    const tenant = await buildTenant(server);
    const token = tenant.account.authToken;
    rotateAuthToken(tenant);
    await testConnection(tenant);
    tenant.account.authToken = token;

    const test = await testConnection(tenant);
    const connection = await fetchConnection(tenant);
    const alerts = await fetchAlerts(tenant);

    expect(test.ok).toBe(true);
    expect(connection.credentialsRejectedAt).toBeNull();
    expect(alerts.checkProblem).toBeNull();
  });

  it("clears after saving the current token", async () => {
    const tenant = await buildTenant(server);
    const newToken = rotateAuthToken(tenant);
    await testConnection(tenant);
    const rejected = await fetchConnection(tenant);

    const saved = await saveToken(tenant, newToken);
    const connection = await fetchConnection(tenant);

    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(saved.credentialsRejectedAt).toBeNull();
    expect(connection.credentialsRejectedAt).toBeNull();
    expect(JSON.stringify(saved)).not.toContain(newToken);
  });

  it("ignores an unreachable Twilio", async () => {
    const tenant = await buildTenant(server);
    proxy.failRequests(() => true, { kind: "reset" });

    const test = await testConnection(tenant);
    const connection = await fetchConnection(tenant);

    expect(test.ok).toBe(false);
    expect(test.twilioCode).toBeNull();
    expect(test.message).toMatch(/^Could not reach Twilio/);
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("keeps a rejection when Twilio is unreachable", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);
    await testConnection(tenant);
    const rejected = await fetchConnection(tenant);
    proxy.failRequests(() => true, { kind: "reset" });

    const test = await testConnection(tenant);
    const connection = await fetchConnection(tenant);

    expect(test.twilioCode).toBeNull();
    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(connection.credentialsRejectedAt).toBe(
      rejected.credentialsRejectedAt,
    );
  });

  it("is null without a connection", async () => {
    const tenant = await buildTenant(server, { connect: false });

    const connection = await fetchConnection(tenant);

    expect(connection.connected).toBe(false);
    expect(connection.credentialsRejectedAt).toBeNull();
  });
});
