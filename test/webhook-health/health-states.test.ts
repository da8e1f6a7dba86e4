import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, nowIso } from "../../src/server/db/ids.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInbound,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { connectTwilio } from "../support/factories.js";
import {
  countNumberRequests,
  currentTokenUrl,
  fetchHealth,
  healthOf,
  LEGACY_URL,
  pointNumberAt,
  sandboxNumber,
} from "./health-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

describe("webhook health states", () => {
  it("reports the token URL with POST as ok", async () => {
    const tenant = await buildTenant(server);
    const tokenUrl = await currentTokenUrl(server, tenant);
    pointNumberAt(sandboxNumber(server, tenant), tokenUrl);

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("ok");
    expect(health.smsUrl).toBe(tokenUrl);
    expect(health.smsMethod).toBe("POST");
    expect(health.smsCapable).toBe(true);
    expect(health.canSetWebhook).toBe(false);
    expect(health.isDefault).toBe(true);
    expect(health.numberId).toBe("default");
    expect(health.webhookSource).toBe("number");
    expect(health.incomingUrl).toBe(tokenUrl);
    expect(health.messagingService).toBeNull();
    expect(health.messagingServiceNote).toBeNull();
  });

  it("shows the other URL a number points at", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      "https://other.example.net/sms",
    );

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("other_url");
    expect(health.smsUrl).toBe("https://other.example.net/sms");
    expect(health.canSetWebhook).toBe(true);
    expect(health.message).toMatch(/another URL/);
  });

  it("flags the right URL with GET", async () => {
    const tenant = await buildTenant(server);
    const tokenUrl = await currentTokenUrl(server, tenant);
    pointNumberAt(sandboxNumber(server, tenant), tokenUrl, "GET");

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("wrong_method");
    expect(health.smsMethod).toBe("GET");
    expect(health.canSetWebhook).toBe(true);
  });

  it("flags an unset URL", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), "");

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("unset");
    expect(health.smsUrl).toBe("");
    expect(health.canSetWebhook).toBe(true);
  });

  it("accepts the legacy URL with a recommendation", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), LEGACY_URL);

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("legacy_url");
    expect(health.message).toMatch(/^Works/);
    expect(health.message).toMatch(/token URL is recommended/);
    expect(health.canSetWebhook).toBe(true);
  });

  it("flags a token that was never valid", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      `${LEGACY_URL}/0123456789abcdef`,
    );

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      DEFAULT_NUMBER,
    );

    expect(health.state).toBe("old_token");
  });

  it("flags a number without SMS", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const number = sandboxNumber(server, tenant, SECOND_NUMBER);
    number.capabilities.sms = false;
    number.capabilities.mms = false;

    const report = await fetchHealth(server, tenant.owner);
    const health = healthOf(report, SECOND_NUMBER);

    expect(health.state).toBe("not_sms_capable");
    expect(health.smsCapable).toBe(false);
    expect(health.canSetWebhook).toBe(false);
    expect(healthOf(report, DEFAULT_NUMBER).state).toBe("unset");
  });

  it("flags a number of another account", async () => {
    const tenant = await buildTenant(server);
    const otherAccount = server.sandbox.state.createAccount();
    const foreign = addTwilioNumber(server, otherAccount, "+14155550177");
    await server.ctx.db
      .insertInto("inbox_numbers")
      .values({
        id: newId(),
        company_id: tenant.company.id,
        account_sid: otherAccount.sid,
        phone_number: foreign.phoneNumber,
        twilio_sid: foreign.sid,
        created_at: nowIso(),
      })
      .execute();
    pointNumberAt(sandboxNumber(server, tenant), LEGACY_URL);

    const report = await fetchHealth(server, tenant.owner);
    const health = healthOf(report, foreign.phoneNumber);

    expect(health.state).toBe("not_on_account");
    expect(health.message).toContain(tenant.account.sid);
    expect(health.message).toMatch(/another Twilio account/);
    expect(health.smsUrl).toBeNull();
    expect(health.canSetWebhook).toBe(false);
    // The other number's failure leaves the default number's state intact.
    expect(healthOf(report, DEFAULT_NUMBER).state).toBe("legacy_url");
  });

  it("flags a default number missing from the account", async () => {
    const tenant = await buildTenant(server);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      defaultNumber: "+14155550166",
    });

    const health = healthOf(
      await fetchHealth(server, tenant.owner),
      "+14155550166",
    );

    expect(health.state).toBe("not_on_account");
  });

  it("explains rejected credentials per number", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "not-the-auth-token",
    });

    const report = await fetchHealth(server, tenant.owner);

    expect(report.numbers).toHaveLength(2);
    for (const health of report.numbers) {
      expect(health.state).toBe("check_failed");
      expect(health.message).toMatch(/rejected the Account SID or auth token/);
      expect(health.message).toMatch(/company settings/);
      expect(health.canSetWebhook).toBe(false);
    }
  });

  it("shows when the last text arrived", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155550199",
      at: "2026-12-01T10:00:00.000Z",
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155550198",
      at: "2026-12-02T11:00:00.000Z",
    });

    const report = await fetchHealth(server, tenant.owner);

    expect(healthOf(report, DEFAULT_NUMBER).lastInboundAt).toBe(
      "2026-12-02T11:00:00.000Z",
    );
    expect(healthOf(report, SECOND_NUMBER).lastInboundAt).toBeNull();
  });

  it("uses one Twilio request per number", async () => {
    const tenant = await buildTenant(server);
    for (let index = 0; index < 6; index += 1) {
      await seedInboxNumber(server, tenant, `+1415555030${index}`);
    }
    const before = countNumberRequests(server);

    const report = await fetchHealth(server, tenant.owner);

    expect(report.numbers).toHaveLength(7);
    expect(countNumberRequests(server) - before).toBe(7);
  });

  it("is for managers only", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/setup/webhook-health",
    );

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
  });

  it("needs Twilio connected", async () => {
    const tenant = await buildTenant(server, { connect: false });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/setup/webhook-health",
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("twilio_not_connected");
  });
});
