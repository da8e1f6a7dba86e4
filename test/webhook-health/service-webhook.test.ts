import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookHealthReport } from "../../src/common/webhook-health-api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import type { SandboxMessagingService } from "../../src/sandbox/state-types.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import type { BuiltStaff } from "../support/factories.js";
import {
  auditRows,
  currentTokenUrl,
  errorMessage,
  fetchHealth,
  healthOf,
  sandboxNumber,
} from "./health-fixture.js";

const OTHER_URL = "https://other.example.net/sms";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/**
 * Puts the tenant's default number in a service that sends its texts to
 * OTHER_URL, and runs a check so the server stores the service.
 */
async function buildServiceTenant(): Promise<{
  tenant: Tenant;
  service: SandboxMessagingService;
}> {
  const tenant = await buildTenant(server);
  const service = server.sandbox.state.createMessagingService(
    tenant.account.sid,
    { friendlyName: "Front desk pool", inboundRequestUrl: OTHER_URL },
  );
  sandboxNumber(server, tenant).messagingServiceSid = service.sid;
  await fetchHealth(server, tenant.owner);

  return { tenant, service };
}

function setServiceWebhook(
  tenant: Tenant,
  serviceSid: string,
  expectedInboundRequestUrl: string,
  staff: BuiltStaff | null = tenant.owner,
) {
  return callApi(
    server,
    staff,
    "POST",
    `/setup/messaging-services/${serviceSid}/webhook`,
    { body: { expectedInboundRequestUrl } },
  );
}

describe("set a messaging service webhook", () => {
  it("points the service at the token URL", async () => {
    const { tenant, service } = await buildServiceTenant();
    const tokenUrl = await currentTokenUrl(server, tenant);

    const response = await setServiceWebhook(tenant, service.sid, OTHER_URL);

    expect(response.statusCode).toBe(200);
    expect(service.inboundRequestUrl).toBe(tokenUrl);
    expect(service.inboundMethod).toBe("POST");
    const health = healthOf(
      response.json<WebhookHealthReport>(),
      DEFAULT_NUMBER,
    );
    expect(health.state).toBe("ok");
    expect(health.webhookSource).toBe("messaging_service");
  });

  it("records an audit entry without the token", async () => {
    const { tenant, service } = await buildServiceTenant();
    const token = (await currentTokenUrl(server, tenant)).split("/").pop();

    await setServiceWebhook(tenant, service.sid, OTHER_URL);

    const [row] = await auditRows(
      server,
      tenant,
      auditActions.serviceWebhookSet,
    );
    expect(row?.target_id).toBe(service.sid);
    expect(row?.target_label).toBe("Front desk pool");
    expect(row?.details).not.toContain(String(token));
    expect(JSON.parse(row?.details ?? "{}")).toMatchObject({
      previousInboundRequestUrl: OTHER_URL,
      newInboundRequestUrl: expect.stringMatching(/\/webhook\/\*\*\*\*$/),
      newInboundMethod: "POST",
    });
  });

  it("rejects a stale expected URL with 409", async () => {
    const { tenant, service } = await buildServiceTenant();
    service.inboundRequestUrl = "https://moved.example.net/sms";

    const response = await setServiceWebhook(tenant, service.sid, OTHER_URL);

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("webhook_changed");
    expect(errorMessage(response)).toContain("https://moved.example.net/sms");
    expect(service.inboundRequestUrl).toBe("https://moved.example.net/sms");
  });

  it("rejects a service that defers", async () => {
    const { tenant, service } = await buildServiceTenant();
    service.useInboundWebhookOnNumber = true;

    const response = await setServiceWebhook(tenant, service.sid, OTHER_URL);

    expect(response.statusCode).toBe(409);
    expect(errorMessage(response)).toMatch(
      /uses each number's own webhook, so its URL does not decide/,
    );
    expect(errorMessage(response)).not.toMatch(/\bnow\b/);
    expect(service.inboundRequestUrl).toBe(OTHER_URL);
  });

  it("leaves a service without inbox numbers alone", async () => {
    const { tenant } = await buildServiceTenant();
    const unrelated = server.sandbox.state.createMessagingService(
      tenant.account.sid,
      { friendlyName: "Marketing", inboundRequestUrl: OTHER_URL },
    );

    const response = await setServiceWebhook(tenant, unrelated.sid, OTHER_URL);

    expect(response.statusCode).toBe(404);
    expect(unrelated.inboundRequestUrl).toBe(OTHER_URL);
  });

  it("cannot set another company's service", async () => {
    const { service } = await buildServiceTenant();
    const other = await buildTenant(server);
    await fetchHealth(server, other.owner);

    const response = await setServiceWebhook(other, service.sid, OTHER_URL);

    expect(response.statusCode).toBe(404);
    expect(service.inboundRequestUrl).toBe(OTHER_URL);
  });

  it("rejects staff without Manage company", async () => {
    const { tenant, service } = await buildServiceTenant();

    const response = await setServiceWebhook(
      tenant,
      service.sid,
      OTHER_URL,
      tenant.viewer,
    );

    expect(response.statusCode).toBe(403);
    expect(service.inboundRequestUrl).toBe(OTHER_URL);
  });

  it("rejects a signed-out request", async () => {
    const { tenant, service } = await buildServiceTenant();

    const response = await setServiceWebhook(
      tenant,
      service.sid,
      OTHER_URL,
      null,
    );

    expect(response.statusCode).toBe(401);
    expect(service.inboundRequestUrl).toBe(OTHER_URL);
  });

  it("rejects an invalid service SID", async () => {
    const tenant = await buildTenant(server);

    const response = await setServiceWebhook(tenant, "PN123", OTHER_URL);

    expect(response.statusCode).toBe(400);
  });
});
