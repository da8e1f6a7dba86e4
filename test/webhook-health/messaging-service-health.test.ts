import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookAlerts } from "../../src/common/webhook-health-api.js";
import type { SandboxMessagingService } from "../../src/sandbox/state-types.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  currentTokenUrl,
  fetchHealth,
  healthOf,
  pointNumberAt,
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

/** Creates a service on the tenant's account with the default number in it. */
function putDefaultNumberInService(
  tenant: Tenant,
  settings: Partial<SandboxMessagingService> = {},
): SandboxMessagingService {
  const service = server.sandbox.state.createMessagingService(
    tenant.account.sid,
    { friendlyName: "Front desk pool" },
  );
  Object.assign(service, settings);
  sandboxNumber(server, tenant).messagingServiceSid = service.sid;

  return service;
}

async function defaultNumberHealth(tenant: Tenant) {
  return healthOf(await fetchHealth(server, tenant.owner), DEFAULT_NUMBER);
}

describe("webhook health of numbers in messaging services", () => {
  it("judges the service URL when it decides", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    const service = putDefaultNumberInService(tenant, {
      inboundRequestUrl: OTHER_URL,
    });

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("other_url");
    expect(health.webhookSource).toBe("messaging_service");
    expect(health.incomingUrl).toBe(OTHER_URL);
    expect(health.incomingMethod).toBe("POST");
    expect(health.smsUrl).toBe(await currentTokenUrl(server, tenant));
    expect(health.canSetWebhook).toBe(false);
    expect(health.messagingService).toEqual({
      sid: service.sid,
      friendlyName: "Front desk pool",
      inboundRequestUrl: OTHER_URL,
      inboundMethod: "POST",
      useInboundWebhookOnNumber: false,
    });
    expect(health.messagingServiceNote).toBeNull();
    expect(health.message).toContain(`"Front desk pool" (${service.sid})`);
    expect(health.message).toMatch(/every number in the service/);
  });

  it("judges the number when the service defers", async () => {
    const tenant = await buildTenant(server);
    const tokenUrl = await currentTokenUrl(server, tenant);
    pointNumberAt(sandboxNumber(server, tenant), tokenUrl);
    const service = putDefaultNumberInService(tenant, {
      inboundRequestUrl: OTHER_URL,
      useInboundWebhookOnNumber: true,
    });

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("ok");
    expect(health.webhookSource).toBe("number");
    expect(health.incomingUrl).toBe(tokenUrl);
    expect(health.messagingService?.sid).toBe(service.sid);
    expect(health.messagingService?.useInboundWebhookOnNumber).toBe(true);
  });

  it("reports ok when the service URL is the inbox", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), OTHER_URL);
    putDefaultNumberInService(tenant, {
      inboundRequestUrl: await currentTokenUrl(server, tenant),
    });

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("ok");
    expect(health.webhookSource).toBe("messaging_service");
    expect(health.canSetWebhook).toBe(false);
    expect(health.message).toMatch(/texts reach the inbox/);
  });

  it("flags the service URL with GET", async () => {
    const tenant = await buildTenant(server);
    putDefaultNumberInService(tenant, {
      inboundRequestUrl: await currentTokenUrl(server, tenant),
      inboundMethod: "GET",
    });

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("wrong_method");
    expect(health.incomingMethod).toBe("GET");
    expect(health.message).toMatch(/accepts only POST/);
  });

  it("flags a service that drops texts", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    putDefaultNumberInService(tenant);

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("unset");
    expect(health.incomingUrl).toBe("");
    expect(health.message).toMatch(/Twilio drops texts/);
  });

  it("reports a number in no service plainly", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.createMessagingService(tenant.account.sid, {
      friendlyName: "Unrelated",
      inboundRequestUrl: OTHER_URL,
    });
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("ok");
    expect(health.webhookSource).toBe("number");
    expect(health.messagingService).toBeNull();
    expect(health.messagingServiceNote).toBeNull();
  });

  it("notes another URL used with GET", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), OTHER_URL, "GET");

    const health = await defaultNumberHealth(tenant);

    expect(health.state).toBe("other_url");
    expect(health.message).toMatch(/HTTP GET/);
    expect(health.message).toMatch(/Twilio must send POST/);
  });

  it("alerts on a wrong service URL", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    putDefaultNumberInService(tenant, { inboundRequestUrl: OTHER_URL });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/webhook-alerts",
    );
    const alerts = response.json<WebhookAlerts>();

    expect(response.statusCode).toBe(200);
    expect(alerts.numbers).toHaveLength(1);
    expect(alerts.numbers[0]?.state).toBe("other_url");
    expect(alerts.numbers[0]?.message).toMatch(/Messaging Service/);
  });

  it("bounds the service requests", async () => {
    const tenant = await buildTenant(server);
    for (let index = 0; index < 3; index += 1) {
      server.sandbox.state.createMessagingService(tenant.account.sid, {
        friendlyName: `Service ${index}`,
      });
    }
    server.sandbox.state.requestLog.clear();

    await fetchHealth(server, tenant.owner);

    const operations = server.sandbox.state.requestLog.entries.map(
      (entry) => entry.operationId,
    );
    expect(operations.filter((id) => id === "ListService")).toHaveLength(1);
    expect(operations.filter((id) => id === "ListPhoneNumber")).toHaveLength(3);
  });

  it("notes services beyond the limit", async () => {
    const tenant = await buildTenant(server);
    for (let index = 0; index < 21; index += 1) {
      server.sandbox.state.createMessagingService(tenant.account.sid, {
        friendlyName: `Service ${index}`,
      });
    }
    const last = server.sandbox.state.messagingServicesOf(
      tenant.account.sid,
    )[20];
    sandboxNumber(server, tenant).messagingServiceSid = last?.sid ?? null;

    const health = await defaultNumberHealth(tenant);

    expect(health.messagingService).toBeNull();
    expect(health.messagingServiceNote).toMatch(/more than 20 Messaging/);
  });
});

describe("webhook health when services cannot be read", () => {
  let proxy: FastifyInstance;
  let denying: InboxServer;

  beforeAll(async () => {
    proxy = await startMessagingDenyingProxy(() => denying);
    const proxyUrl = await proxy.listen({ port: 0, host: "127.0.0.1" });
    denying = await startInboxServer({ TWILIO_API_BASE_URL: proxyUrl });
  });

  afterAll(async () => {
    await denying.close();
    await proxy.close();
  });

  it("falls back to the number with a note", async () => {
    const tenant = await buildTenant(denying);
    const tokenUrl = await currentTokenUrl(denying, tenant);
    pointNumberAt(sandboxNumber(denying, tenant), tokenUrl);

    const health = healthOf(
      await fetchHealth(denying, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("ok");
    expect(health.webhookSource).toBe("number");
    expect(health.messagingService).toBeNull();
    expect(health.messagingServiceNote).toMatch(
      /Messaging Services of the account could not be read/,
    );
    expect(health.messagingServiceNote).toMatch(/own webhook/);
  });
});

/**
 * Starts a proxy to the server's sandbox that replies to every Messaging v1
 * request with Twilio's 401 error 20003, as for credentials that may not
 * read Messaging.
 */
async function startMessagingDenyingProxy(
  target: () => InboxServer,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) =>
    done(null, body),
  );
  app.all("/*", async (request, reply) => {
    if (request.url.startsWith("/v1/")) {
      return reply.code(401).send({
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      });
    }

    const { port } = target().sandbox.app.server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${request.url}`, {
      method: request.method,
      headers: {
        authorization: request.headers.authorization ?? "",
        "content-type": request.headers["content-type"] ?? "",
      },
      body: request.method === "GET" ? undefined : String(request.body ?? ""),
    });

    return reply
      .code(response.status)
      .header("content-type", response.headers.get("content-type") ?? "")
      .send(await response.text());
  });

  return app;
}
