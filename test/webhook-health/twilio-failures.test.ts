import { afterEach, describe, expect, it } from "vitest";
import type { WebhookAlerts } from "../../src/common/webhook-health-api.js";
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
    expect(errorMessage(response)).toMatch(
      new RegExp(`^The webhook of \\${DEFAULT_NUMBER} was not changed\\. `),
    );
    expect(errorMessage(response)).toContain("Could not reach Twilio at");
    expect(errorMessage(response)).toMatch(/Then try again\.$/);
  });

  it("notes a check that could not run", async () => {
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
    const alerts = response.json<WebhookAlerts>();

    expect(response.statusCode).toBe(200);
    expect(alerts.numbers).toEqual([]);
    expect(alerts.checkProblem?.kind).toBe("check_failed");
    expect(alerts.checkProblem?.numberCount).toBe(1);
    expect(alerts.checkProblem?.message).toMatch(
      /^Twilio could not be reached, so the webhook of 1 inbox number could not be checked\./,
    );
    expect(alerts.checkProblem?.message).toContain(
      "This does not mean that texts are lost.",
    );
  });
});
