import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RemoveInboxNumberResult } from "../../src/common/api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import { saveLookups } from "../../src/server/plugins/sms-inbox/webhook-health/health-cache.js";
import { saveServiceMemberships } from "../../src/server/plugins/sms-inbox/webhook-health/service-membership-store.js";
import { connectTwilio } from "../support/factories.js";
import {
  buildTenant,
  callApi,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  auditRows,
  currentTokenUrl,
  errorMessage,
  LEGACY_URL,
  pointNumberAt,
  sandboxNumber,
} from "../webhook-health/health-fixture.js";
import {
  startTwilioFaultProxy,
  type TwilioFaultProxy,
} from "../support/twilio-fault-proxy.js";

const OTHER_URL = "https://other.example.net/sms";

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

/** Adds SECOND_NUMBER to a new tenant's inbox with its SmsUrl at `smsUrl`. */
async function tenantWithNumber(
  smsUrl: (tenant: Tenant) => Promise<string> | string,
): Promise<{ tenant: Tenant; numberId: string }> {
  const tenant = await buildTenant(server);
  const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
  pointNumberAt(
    sandboxNumber(server, tenant, SECOND_NUMBER),
    await smsUrl(tenant),
  );

  return { tenant, numberId };
}

/** Stores a check finding SECOND_NUMBER in a service whose URL decides. */
async function storeServiceRoute(tenant: Tenant, inboundRequestUrl: string) {
  const companyId = tenant.company.id;
  const checkedAt = new Date().toISOString();
  await saveLookups(server.ctx.db, companyId, [
    { phoneNumber: SECOND_NUMBER, lookup: { result: "not_found" }, checkedAt },
  ]);
  const service = {
    sid: "MG00000000000000000000000000000001",
    friendlyName: "Front desk",
    inboundRequestUrl,
    inboundMethod: "POST",
    useInboundWebhookOnNumber: false,
  };
  await saveServiceMemberships(
    server.ctx.db,
    companyId,
    new Map([[SECOND_NUMBER, { result: "member" as const, service }]]),
  );
}

function removeNumber(tenant: Tenant, numberId: string, body?: unknown) {
  return callApi(server, tenant.owner, "DELETE", `/numbers/${numberId}`, {
    ...(body === undefined ? {} : { body }),
  });
}

async function isInInbox(tenant: Tenant, numberId: string) {
  const row = await server.ctx.db
    .selectFrom("inbox_numbers")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("id", "=", numberId)
    .executeTakeFirst();

  return row !== undefined;
}

describe("remove number and clear webhook", () => {
  it("clears a token URL of this inbox", async () => {
    const { tenant, numberId } = await tenantWithNumber((owner) =>
      currentTokenUrl(server, owner),
    );

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<RemoveInboxNumberResult>()).toEqual({
      phoneNumber: SECOND_NUMBER,
      webhook: "cleared",
      message: `+1 415 555 0111 was removed from the inbox. Its incoming-message webhook on Twilio was cleared, so Twilio no longer sends its texts to the inbox.`,
    });
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe("");
    expect(await isInInbox(tenant, numberId)).toBe(false);
  });

  it("records the cleared webhook without the token", async () => {
    const { tenant, numberId } = await tenantWithNumber((owner) =>
      currentTokenUrl(server, owner),
    );

    await removeNumber(tenant, numberId, { clearWebhook: true });
    const rows = await auditRows(server, tenant, auditActions.webhookCleared);
    const removed = await auditRows(
      server,
      tenant,
      auditActions.inboxNumberRemoved,
    );

    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_staff_id).toBe(tenant.owner.id);
    expect(rows[0]?.target_label).toBe(SECOND_NUMBER);
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({
      phoneNumber: SECOND_NUMBER,
      previousSmsUrl: `${LEGACY_URL}/****`,
      previousSmsMethod: "POST",
      newSmsUrl: "",
    });
    expect(rows[0]?.details).not.toContain(tenant.company.webhookToken);
    expect(removed).toHaveLength(1);
  });

  it("clears the token-less URL", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.json<RemoveInboxNumberResult>().webhook).toBe("cleared");
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe("");
  });

  it("leaves another app's URL unchanged", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => OTHER_URL);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<RemoveInboxNumberResult>().webhook).toBe(
      "points_elsewhere",
    );
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(OTHER_URL);
    expect(await isInInbox(tenant, numberId)).toBe(false);
    expect(
      await auditRows(server, tenant, auditActions.webhookCleared),
    ).toEqual([]);
  });

  it("leaves another company's token URL unchanged", async () => {
    const neighbour = await buildTenant(server);
    const neighbourUrl = await currentTokenUrl(server, neighbour);
    const { tenant, numberId } = await tenantWithNumber(() => neighbourUrl);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.json<RemoveInboxNumberResult>().webhook).toBe(
      "points_elsewhere",
    );
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(
      neighbourUrl,
    );
  });

  it("reports a number without a webhook", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => "");

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.json<RemoveInboxNumberResult>().webhook).toBe("unset");
    expect(await isInInbox(tenant, numberId)).toBe(false);
  });

  it("removes a number gone from the account", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    const number = sandboxNumber(server, tenant, SECOND_NUMBER);
    server.sandbox.state.releaseNumber(tenant.account.sid, number.sid);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<RemoveInboxNumberResult>().webhook).toBe(
      "not_on_account",
    );
    expect(await isInInbox(tenant, numberId)).toBe(false);
  });

  it("leaves the webhook without clearWebhook", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: false,
    });

    expect(response.json<RemoveInboxNumberResult>().webhook).toBe(
      "not_requested",
    );
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(
      LEGACY_URL,
    );
    expect(await isInInbox(tenant, numberId)).toBe(false);
  });

  it("says a service keeps sending texts", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => OTHER_URL);
    await storeServiceRoute(tenant, await currentTokenUrl(server, tenant));

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: false,
    });

    const result = response.json<RemoveInboxNumberResult>();
    expect(result.webhook).toBe("not_requested");
    expect(result.message).toBe(
      `+1 415 555 0111 was removed from the inbox. It is in the Messaging Service Front desk, whose incoming request URL points at this inbox, so its texts keep arriving in the inbox. Remove the number from that service's sender pool in the Twilio Console to stop them.`,
    );
    expect(result.message).not.toContain("rejected");
  });

  it("ignores a service pointing elsewhere", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => OTHER_URL);
    await storeServiceRoute(tenant, OTHER_URL);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: false,
    });

    expect(response.json<RemoveInboxNumberResult>().message).not.toContain(
      "Messaging Service",
    );
  });

  it("rejects a clearWebhook that is not boolean", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: "yes",
    });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
    expect(errorMessage(response)).toBe("clearWebhook: Send true or false.");
    expect(await isInInbox(tenant, numberId)).toBe(true);
  });

  it("returns 404 for another company's number", async () => {
    const { numberId } = await tenantWithNumber(() => LEGACY_URL);
    const stranger = await buildTenant(server);

    const response = await removeNumber(stranger, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(404);
  });
});

describe("remove number when Twilio fails", () => {
  it("keeps the number when the update is rejected", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    proxy.failUpdates({
      kind: "error",
      reply: { status: 400, code: 21402, message: "Invalid URL" },
    });

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("twilio_21402");
    expect(errorMessage(response)).toMatch(
      new RegExp(
        `^\\${SECOND_NUMBER} was not removed from the inbox, and its webhook on Twilio was not cleared\\. .*Try again, or remove it without clearing the webhook`,
      ),
    );
    expect(await isInInbox(tenant, numberId)).toBe(true);
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(
      LEGACY_URL,
    );
    expect(
      await auditRows(server, tenant, auditActions.webhookCleared),
    ).toEqual([]);
  });

  it("is unsure of the webhook after a 5xx", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    proxy.failUpdates({
      kind: "error",
      reply: { status: 503, code: 20503, message: "Service Unavailable" },
    });

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBeGreaterThanOrEqual(502);
    expect(errorMessage(response)).toContain(
      `${SECOND_NUMBER} was not removed from the inbox, and its webhook on Twilio may or may not have been cleared.`,
    );
    expect(errorMessage(response)).toContain("Refresh the webhook status");
    expect(await isInInbox(tenant, numberId)).toBe(true);
  });

  it("keeps the number when Twilio is unreachable", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    proxy.failUpdates({ kind: "reset" });

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBeGreaterThanOrEqual(502);
    expect(errorMessage(response)).toContain("was not removed from the inbox");
    expect(await isInInbox(tenant, numberId)).toBe(true);
  });

  it("names rejected credentials before any update", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "0".repeat(32),
    });

    const response = await removeNumber(tenant, numberId, {
      clearWebhook: true,
    });

    expect(response.statusCode).toBe(502);
    expect(errorMessage(response)).toBe(
      `${SECOND_NUMBER} was not removed from the inbox, and its webhook on Twilio was not changed. Twilio rejected the saved Account SID and auth token (error 20003). Update them in Settings, under Twilio connection, or remove the number without clearing the webhook.`,
    );
    expect(await isInInbox(tenant, numberId)).toBe(true);
  });

  it("removes without a body and without Twilio", async () => {
    const { tenant, numberId } = await tenantWithNumber(() => LEGACY_URL);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "0".repeat(32),
    });

    const response = await removeNumber(tenant, numberId);

    expect(response.statusCode).toBe(204);
    expect(await isInInbox(tenant, numberId)).toBe(false);
  });
});
