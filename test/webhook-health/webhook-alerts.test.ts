import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookAlerts } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  countNumberRequests,
  currentTokenUrl,
  fetchHealth,
  pointNumberAt,
  sandboxNumber,
} from "./health-fixture.js";
import { connectTwilio } from "../support/factories.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

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

/** Makes every stored check of the company look `ageMs` old. */
async function ageChecks(tenant: Tenant, ageMs: number): Promise<void> {
  await server.ctx.db
    .updateTable("webhook_health")
    .set({ checked_at: new Date(Date.now() - ageMs).toISOString() })
    .where("company_id", "=", tenant.company.id)
    .execute();
}

/** Waits until the background check has stored a fresh result. */
async function waitForFreshCheck(tenant: Tenant, after: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const rows = await server.ctx.db
      .selectFrom("webhook_health")
      .select("checked_at")
      .where("company_id", "=", tenant.company.id)
      .execute();
    if (rows.length > 0 && rows.every((row) => row.checked_at > after)) return;

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("The background check did not finish.");
}

describe("webhook alerts", () => {
  it("lists numbers whose webhook is wrong", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    pointNumberAt(
      sandboxNumber(server, tenant, SECOND_NUMBER),
      "https://x.example.net/",
    );

    const alerts = await fetchAlerts(tenant);

    expect(alerts.numbers).toEqual([
      {
        phoneNumber: SECOND_NUMBER,
        state: "other_url",
        message: expect.stringMatching(/another URL/),
      },
    ]);
  });

  it("leaves out working numbers", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      "https://inbox.example.com/v1/plugins/sms-chat/webhook",
    );

    expect((await fetchAlerts(tenant)).numbers).toEqual([]);
  });

  it("answers from the stored check", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), "");
    await fetchHealth(server, tenant.owner);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    const before = countNumberRequests(server);

    const first = await fetchAlerts(tenant);
    const second = await fetchAlerts(tenant);

    expect(countNumberRequests(server)).toBe(before);
    expect(first.numbers.map((number) => number.state)).toEqual(["unset"]);
    expect(second.numbers.map((number) => number.state)).toEqual(["unset"]);
  });

  it("refreshes a stale check in the background", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), "");
    await fetchHealth(server, tenant.owner);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    await ageChecks(tenant, 60 * 60 * 1000);
    const startedAt = new Date().toISOString();

    const stale = await fetchAlerts(tenant);
    await waitForFreshCheck(tenant, startedAt);
    const fresh = await fetchAlerts(tenant);

    expect(stale.numbers.map((number) => number.state)).toEqual(["unset"]);
    expect(fresh.numbers).toEqual([]);
  });

  it("follows a token rotation without a new check", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    expect((await fetchAlerts(tenant)).numbers).toEqual([]);

    await callApi(server, tenant.owner, "POST", "/setup/webhook-token/rotate");
    const alerts = await fetchAlerts(tenant);

    expect(alerts.numbers).toEqual([
      {
        phoneNumber: DEFAULT_NUMBER,
        state: "previous_token",
        message: expect.stringMatching(/^Works until/),
      },
    ]);
  });

  it("is for managers only", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), "");

    const viewer = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/webhook-alerts",
    );
    const outsider = await callApi(
      server,
      tenant.outsider,
      "GET",
      "/webhook-alerts",
    );

    expect(viewer.statusCode).toBe(403);
    expect(errorCode(viewer)).toBe("missing_permission");
    // Owner role at a location without the inbox: still a manager.
    expect(outsider.statusCode).toBe(200);
  });

  it("is empty without Twilio", async () => {
    const tenant = await buildTenant(server, { connect: false });

    expect((await fetchAlerts(tenant)).numbers).toEqual([]);
  });

  it("lists rejected credentials", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "not-the-auth-token",
    });

    const alerts = await fetchAlerts(tenant);

    expect(alerts.numbers).toHaveLength(1);
    expect(alerts.numbers[0]?.state).toBe("check_failed");
    expect(alerts.numbers[0]?.message).toMatch(
      /rejected the Account SID or auth token/,
    );
  });

  it("leaves out a check Twilio did not answer", async () => {
    const tenant = await buildTenant(server);
    await server.ctx.db
      .insertInto("webhook_health")
      .values({
        company_id: tenant.company.id,
        phone_number: DEFAULT_NUMBER,
        lookup: "unreachable",
        twilio_sid: null,
        sms_url: null,
        sms_method: null,
        sms_capable: null,
        error_code: null,
        error_message: "Twilio did not respond in time.",
        checked_at: new Date().toISOString(),
      })
      .execute();

    expect((await fetchAlerts(tenant)).numbers).toEqual([]);
  });

  it("keeps each company's alerts apart", async () => {
    const tenantA = await buildTenant(server);
    const tenantB = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenantA),
      await currentTokenUrl(server, tenantA),
    );
    pointNumberAt(sandboxNumber(server, tenantB), "");

    expect((await fetchAlerts(tenantA)).numbers).toEqual([]);
    expect((await fetchAlerts(tenantB)).numbers).toHaveLength(1);
  });
});
