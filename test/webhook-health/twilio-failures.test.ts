import { afterEach, describe, expect, it } from "vitest";
import type { WebhookAlerts } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { closedPortUrl, startFakeTwilio } from "../support/fake-twilio.js";
import { errorMessage, fetchHealth, healthOf } from "./health-fixture.js";

let server: InboxServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe("webhook health without Twilio", () => {
  it("reports an unreachable Twilio per number", async () => {
    const apiBaseUrl = await closedPortUrl();
    server = await startInboxServer({ TWILIO_API_BASE_URL: apiBaseUrl });
    const tenant = await buildTenant(server);

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("unreachable");
    expect(health.message).toContain(`Could not reach Twilio at ${apiBaseUrl}`);
    expect(health.message).toMatch(/ECONNREFUSED/);
    expect(health.canSetWebhook).toBe(false);
    expect(health.smsUrl).toBeNull();
  });

  it("reports a stopped sandbox", async () => {
    server = await startInboxServer();
    const tenant = await buildTenant(server);
    await server.sandbox.close();

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("unreachable");
  });

  it("reports a Twilio timeout", async () => {
    const slow = await startFakeTwilio([], { delayMs: 1_000 });
    try {
      server = await startInboxServer({
        TWILIO_API_BASE_URL: slow.baseUrl,
        TWILIO_TIMEOUT_MS: "100",
      });
      const tenant = await buildTenant(server);

      const report = await fetchHealth(server, tenant.owner);
      const health = healthOf(report, DEFAULT_NUMBER);

      expect(health.state).toBe("unreachable");
      expect(health.message).toMatch(/timeout/i);
    } finally {
      await slow.close();
    }
  });

  it("sets no webhook while Twilio is unreachable", async () => {
    server = await startInboxServer({
      TWILIO_API_BASE_URL: await closedPortUrl(),
    });
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(504);
    expect(errorCode(response)).toBe("twilio_error");
    expect(errorMessage(response)).toMatch(/^The webhook was not changed/);
  });

  it("raises no alert for an unknown state", async () => {
    server = await startInboxServer({
      TWILIO_API_BASE_URL: await closedPortUrl(),
    });
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/webhook-alerts",
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<WebhookAlerts>().numbers).toEqual([]);
  });
});
