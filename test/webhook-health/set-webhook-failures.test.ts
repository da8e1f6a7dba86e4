import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SetWebhooksResult } from "../../src/common/webhook-health-api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
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
import { connectTwilio } from "../support/factories.js";
import { auditRows, errorMessage, sandboxNumber } from "./health-fixture.js";
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

/** Adds SECOND_NUMBER to a new tenant, pointed at another app's URL. */
async function tenantWithOtherUrl(): Promise<{
  tenant: Tenant;
  numberId: string;
}> {
  const tenant = await buildTenant(server);
  const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
  sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl = OTHER_URL;

  return { tenant, numberId };
}

function setWebhook(tenant: Tenant, numberId: string) {
  return callApi(
    server,
    tenant.owner,
    "POST",
    `/setup/numbers/${numberId}/webhook`,
    { body: { expectedSmsUrl: OTHER_URL } },
  );
}

async function expectNothingChanged(tenant: Tenant): Promise<void> {
  expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(OTHER_URL);
  expect(await auditRows(server, tenant, auditActions.webhookSet)).toEqual([]);
}

describe("set webhook when the update fails", () => {
  it("names rejected credentials and where to fix them", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: { status: 401, code: 20003, message: "Authenticate" },
    });

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(proxy.faultedRequests()).toBeGreaterThan(0);
    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("twilio_20003");
    expect(message).toContain(
      `The webhook of ${SECOND_NUMBER} was not changed`,
    );
    expect(message).toContain(
      "Twilio rejected the saved Account SID and auth token",
    );
    expect(message).toContain("Settings, under Twilio connection");
    await expectNothingChanged(tenant);
  });

  it("says a number with 404 left the account", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: {
        status: 404,
        code: 20404,
        message: "The requested resource was not found",
      },
    });

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("number_not_on_account");
    expect(message).toContain("is no longer on the connected Twilio account");
    expect(message).toContain(tenant.account.sid);
    expect(message).toContain("Remove it from the inbox");
    expect(message).toContain("add it again");
    await expectNothingChanged(tenant);
  });

  it("stores a 404 so the health row shows it", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: { status: 404, code: 20404, message: "Not found" },
    });

    await setWebhook(tenant, numberId);
    const stored = await server.ctx.db
      .selectFrom("webhook_health")
      .select("lookup")
      .where("company_id", "=", tenant.company.id)
      .where("phone_number", "=", SECOND_NUMBER)
      .executeTakeFirst();

    expect(stored?.lookup).toBe("not_found");
  });

  it("asks to retry when Twilio is unreachable", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({ kind: "reset" });

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("twilio_error");
    expect(message).toContain(
      `The webhook of ${SECOND_NUMBER} may not have changed because Twilio could not be reached at ${proxy.baseUrl}`,
    );
    expect(message).toContain("Refresh the webhook check");
    expect(message).toMatch(/then try again\.$/);
    await expectNothingChanged(tenant);
  });

  it("explains another Twilio error in sentences", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: { status: 400, code: 21402, message: "Invalid Url." },
    });

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("twilio_21402");
    expect(message).toBe(
      `The webhook of ${SECOND_NUMBER} was not changed. ` +
        "Twilio rejected the request with error 21402: Invalid Url. " +
        "See https://www.twilio.com/docs/errors/21402. " +
        "Refresh the webhook check to see the number's current URL.",
    );
    await expectNothingChanged(tenant);
  });

  it("is unsure of the outcome after a 5xx", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: { status: 500, code: 20500, message: "Internal Server Error" },
    });

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("twilio_20500");
    expect(message).toMatch(
      new RegExp(`^The webhook of \\${SECOND_NUMBER} may not have changed\\. `),
    );
    expect(message).toContain("error 20500: Internal Server Error.");
    expect(message).toMatch(/current URL\.$/);
    await expectNothingChanged(tenant);
  });

  it("reports each failure in a bulk request", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    proxy.failUpdates({
      kind: "error",
      reply: { status: 401, code: 20003, message: "Authenticate" },
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/webhooks",
      { body: { numbers: [{ numberId, expectedSmsUrl: OTHER_URL }] } },
    );
    const [result] = response.json<SetWebhooksResult>().results;

    expect(response.statusCode).toBe(200);
    expect(result?.health).toBeNull();
    expect(result?.error?.code).toBe("twilio_20003");
    expect(result?.error?.message).toContain(
      "Settings, under Twilio connection",
    );
    await expectNothingChanged(tenant);
  });
});

describe("set webhook when the lookup fails", () => {
  it("names rejected credentials before any update", async () => {
    const { tenant, numberId } = await tenantWithOtherUrl();
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "not-the-auth-token",
    });
    const faultedBefore = proxy.faultedRequests();

    const response = await setWebhook(tenant, numberId);
    const message = errorMessage(response);

    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("twilio_20003");
    expect(message).toContain(
      "Twilio rejected the saved Account SID and auth token",
    );
    expect(message).toContain("Settings, under Twilio connection");
    expect(proxy.faultedRequests()).toBe(faultedBefore);
    await expectNothingChanged(tenant);
  });
});
