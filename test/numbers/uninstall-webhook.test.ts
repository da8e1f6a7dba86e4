import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import { LEGACY_URL } from "../webhook-health/health-fixture.js";

const CUSTOMER = "+14155550199";

let server: InboxServer;
let sequence = 0;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/** Posts a signed text to the company's token URL, as Twilio would. */
function postInbound(tenant: Tenant, to: string) {
  sequence += 1;
  const messageSid = `SM${sequence.toString(16).padStart(32, "0")}`;

  return server.test.app.inject(
    signedWebhookRequest(
      `${LEGACY_URL}/${tenant.company.webhookToken}`,
      {
        MessageSid: messageSid,
        SmsSid: messageSid,
        AccountSid: tenant.account.sid,
        From: CUSTOMER,
        To: to,
        Body: "Are you open on Sunday?",
        NumMedia: "0",
      },
      tenant.account.authToken,
    ),
  );
}

function sendPlugins(tenant: Tenant, method: "POST" | "DELETE", path: string) {
  return server.test.app.inject({
    method,
    url: `/api/plugins/sms-chat${path}`,
    headers: tenant.owner.headers,
  });
}

describe("uninstall SMS Inbox", () => {
  it("rejects texts and keeps conversations", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    expect((await postInbound(tenant, SECOND_NUMBER)).statusCode).toBe(200);

    const uninstalled = await sendPlugins(tenant, "DELETE", "");
    const rejected = await Promise.all([
      postInbound(tenant, DEFAULT_NUMBER),
      postInbound(tenant, SECOND_NUMBER),
    ]);

    expect(uninstalled.statusCode).toBe(204);
    for (const response of rejected) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe("webhook_not_found");
    }
    const conversations = await server.ctx.db
      .selectFrom("conversations")
      .select("inbox_number")
      .where("company_id", "=", tenant.company.id)
      .execute();
    expect(conversations).toEqual([{ inbox_number: SECOND_NUMBER }]);
  });

  it("brings conversations back on reinstall", async () => {
    const tenant = await buildTenant(server);
    await postInbound(tenant, DEFAULT_NUMBER);
    await sendPlugins(tenant, "DELETE", "");

    await sendPlugins(tenant, "POST", "/install");
    await server.test.app.inject({
      method: "PUT",
      url: "/api/plugins/sms-chat/locations",
      headers: { ...tenant.owner.headers, "content-type": "application/json" },
      payload: JSON.stringify({ locationIds: [tenant.enabledLocationId] }),
    });
    const accepted = await postInbound(tenant, DEFAULT_NUMBER);
    const page = await callApi(server, tenant.owner, "GET", "/conversations");

    expect(accepted.statusCode).toBe(200);
    const { conversations } = page.json<ConversationPage>();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.customerNumber).toBe(CUSTOMER);
  });
});
