import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildTenant,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import {
  startTwilioFaultProxy,
  type TwilioFaultProxy,
} from "../support/twilio-fault-proxy.js";
import {
  fetchAlerts,
  fetchConnection,
  rotateAuthToken,
  saveToken,
  testConnection,
} from "./credential-fixture.js";

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

describe("GET /api/company/twilio credential status", () => {
  it("is null for working credentials", async () => {
    const tenant = await buildTenant(server);

    const test = await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);

    expect(test.ok).toBe(true);
    expect(connection.connected).toBe(true);
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("shows a rejection found by the test", async () => {
    const tenant = await buildTenant(server);
    await testConnection(server, tenant);
    const newToken = rotateAuthToken(tenant);
    const before = new Date().toISOString();

    const test = await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);

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

    await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);
    const alerts = await fetchAlerts(server, tenant);

    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(connection.credentialsRejectedAt).toBe(
      alerts.checkProblem?.checkedAt,
    );
  });

  it("shows a rejection found by the banner's check", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);

    const alerts = await fetchAlerts(server, tenant);
    const connection = await fetchConnection(server, tenant);

    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(connection.credentialsRejectedAt).toBe(
      alerts.checkProblem?.checkedAt,
    );
  });

  it("clears after a successful test", async () => {
    const tenant = await buildTenant(server);
    const token = tenant.account.authToken;
    rotateAuthToken(tenant);
    await testConnection(server, tenant);
    tenant.account.authToken = token;

    const test = await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);
    const alerts = await fetchAlerts(server, tenant);

    expect(test.ok).toBe(true);
    expect(connection.credentialsRejectedAt).toBeNull();
    expect(alerts.checkProblem).toBeNull();
  });

  it("clears after saving the current token", async () => {
    const tenant = await buildTenant(server);
    const newToken = rotateAuthToken(tenant);
    await testConnection(server, tenant);
    const rejected = await fetchConnection(server, tenant);

    const saved = await saveToken(server, tenant, newToken);
    const connection = await fetchConnection(server, tenant);

    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(saved.credentialsRejectedAt).toBeNull();
    expect(connection.credentialsRejectedAt).toBeNull();
    expect(JSON.stringify(saved)).not.toContain(newToken);
  });

  it("ignores an unreachable Twilio", async () => {
    const tenant = await buildTenant(server);
    proxy.failRequests(() => true, { kind: "reset" });

    const test = await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);

    expect(test.ok).toBe(false);
    expect(test.twilioCode).toBeNull();
    expect(test.message).toMatch(/^Could not reach Twilio/);
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("keeps a rejection when Twilio is unreachable", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);
    await testConnection(server, tenant);
    const rejected = await fetchConnection(server, tenant);
    proxy.failRequests(() => true, { kind: "reset" });

    const test = await testConnection(server, tenant);
    const connection = await fetchConnection(server, tenant);

    expect(test.twilioCode).toBeNull();
    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(connection.credentialsRejectedAt).toBe(
      rejected.credentialsRejectedAt,
    );
  });

  it("is null without a connection", async () => {
    const tenant = await buildTenant(server, { connect: false });

    const connection = await fetchConnection(server, tenant);

    expect(connection.connected).toBe(false);
    expect(connection.credentialsRejectedAt).toBeNull();
  });
});
