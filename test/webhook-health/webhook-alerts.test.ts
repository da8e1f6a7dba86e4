import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookAlerts } from "../../src/common/webhook-health-api.js";
import type { WebhookHealthTable } from "../../src/server/db/schema.js";
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

/** Stores a fresh lookup of `phoneNumber` with the given columns. */
async function storeLookup(
  tenant: Tenant,
  phoneNumber: string,
  row: Partial<WebhookHealthTable> & Pick<WebhookHealthTable, "lookup">,
): Promise<void> {
  await server.ctx.db
    .insertInto("webhook_health")
    .values({
      company_id: tenant.company.id,
      phone_number: phoneNumber,
      twilio_sid: null,
      sms_url: null,
      sms_method: null,
      sms_capable: null,
      error_code: null,
      error_message: null,
      checked_at: new Date().toISOString(),
      ...row,
    })
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

  it("names rejected credentials once", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "not-the-auth-token",
    });

    const alerts = await fetchAlerts(tenant);
    const problem = alerts.checkProblem;

    expect(alerts.numbers).toEqual([]);
    expect(problem?.kind).toBe("credentials_rejected");
    expect(problem?.numberCount).toBe(2);
    expect(problem?.message).toContain(
      "Twilio rejected the saved Account SID and auth token (error 20003)",
    );
    expect(problem?.message).toContain("the webhooks of 2 inbox numbers");
    expect(problem?.message).toContain("Settings, under Twilio connection");
  });

  it("checks again after new credentials", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(
      sandboxNumber(server, tenant),
      await currentTokenUrl(server, tenant),
    );
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "not-the-auth-token",
    });
    const rejected = await fetchAlerts(tenant);
    // The saved connection must be newer than the failed check.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await connectTwilio(server.ctx, tenant.company, tenant.connection);

    const fixed = await fetchAlerts(tenant);

    expect(rejected.checkProblem?.kind).toBe("credentials_rejected");
    expect(fixed.checkProblem).toBeNull();
    expect(fixed.numbers).toEqual([]);
  });

  it("keeps a failed check without new credentials", async () => {
    const tenant = await buildTenant(server);
    await storeLookup(tenant, DEFAULT_NUMBER, {
      lookup: "unreachable",
      error_message: "Twilio did not respond in time.",
    });
    const before = countNumberRequests(server);

    const alerts = await fetchAlerts(tenant);

    expect(alerts.checkProblem?.kind).toBe("check_failed");
    expect(countNumberRequests(server)).toBe(before);
  });

  it("keeps wrong webhooks beside rejected credentials", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await storeLookup(tenant, DEFAULT_NUMBER, {
      lookup: "failed",
      error_code: 20003,
      error_message: "Twilio rejected the Account SID or auth token.",
    });
    await storeLookup(tenant, SECOND_NUMBER, {
      lookup: "found",
      sms_url: "",
      sms_method: "POST",
      sms_capable: 1,
      twilio_sid: "PN00000000000000000000000000000001",
    });

    const alerts = await fetchAlerts(tenant);

    expect(alerts.numbers.map((number) => number.phoneNumber)).toEqual([
      SECOND_NUMBER,
    ]);
    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(alerts.checkProblem?.numberCount).toBe(1);
  });

  it("notes a check Twilio did not answer", async () => {
    const tenant = await buildTenant(server);
    const checkedAt = new Date().toISOString();
    await storeLookup(tenant, DEFAULT_NUMBER, {
      lookup: "unreachable",
      error_message: "Twilio did not respond in time.",
      checked_at: checkedAt,
    });

    const alerts = await fetchAlerts(tenant);

    expect(alerts.numbers).toEqual([]);
    expect(alerts.checkProblem).toEqual({
      kind: "check_failed",
      message: expect.stringMatching(
        /^Twilio could not be reached, so the webhook of 1 inbox number could not be checked\. This does not mean that texts are lost\./,
      ),
      numberCount: 1,
      checkedAt,
    });
  });

  it("names the code of another failed check", async () => {
    const tenant = await buildTenant(server);
    await storeLookup(tenant, DEFAULT_NUMBER, {
      lookup: "failed",
      error_code: 20429,
      error_message: "Twilio is receiving too many requests.",
    });

    const problem = (await fetchAlerts(tenant)).checkProblem;

    expect(problem?.kind).toBe("check_failed");
    expect(problem?.message).toMatch(/^Twilio returned error 20429, so /);
  });

  it("has no problem after a full check", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), "");

    expect((await fetchAlerts(tenant)).checkProblem).toBeNull();
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
