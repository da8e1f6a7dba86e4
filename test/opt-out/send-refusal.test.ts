import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Conversation, SendResult } from "../../src/common/api.js";
import {
  signedWebhookRequest,
  type FormParams,
} from "../support/twilio-signing.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { inboundParams } from "../webhook/webhook-fixture.js";

const CUSTOMER = "+14155550188";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/** Delivers a signed incoming text to the tenant's webhook, as Twilio would. */
async function deliverText(tenant: Tenant, params: FormParams) {
  const { publicUrl } = server.ctx.config;
  const url = `${publicUrl}/v1/plugins/sms-chat/webhook/${tenant.company.webhookToken}`;
  const response = await server.test.app.inject(
    signedWebhookRequest(url, params, tenant.connection.authToken),
  );
  expect(response.statusCode).toBe(200);
}

/** Delivers a text from CUSTOMER to `to`. */
async function customerTexts(
  tenant: Tenant,
  body: string,
  to = DEFAULT_NUMBER,
) {
  await deliverText(
    tenant,
    inboundParams(tenant.connection, { From: CUSTOMER, To: to, Body: body }),
  );
}

async function conversationId(tenant: Tenant): Promise<string> {
  const row = await server.ctx.db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("customer_number", "=", CUSTOMER)
    .executeTakeFirstOrThrow();

  return row.id;
}

async function storedCounts(tenant: Tenant) {
  const rows = await server.ctx.db
    .selectFrom("messages")
    .select(["direction", "conversation_id"])
    .where("company_id", "=", tenant.company.id)
    .execute();
  const conversations = new Set(rows.map((row) => row.conversation_id));

  return {
    outbound: rows.filter((row) => row.direction === "outbound").length,
    conversations: conversations.size,
  };
}

/** Counts the tenant's Messages.json create requests the sandbox received. */
function twilioSendRequests(tenant: Tenant): number {
  return server.sandbox.state.requestLog.entries.filter(
    (entry) =>
      entry.operationId === "CreateMessage" &&
      entry.path.includes(tenant.account.sid),
  ).length;
}

describe("sending to an opted-out customer", () => {
  test("reply rejected before storing", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "STOP");
    const id = await conversationId(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${id}/messages`,
      { body: { body: "One last thing" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("opted_out");
    expect(response.json<{ error: { message: string } }>().error.message).toBe(
      `This customer texted STOP on ${DEFAULT_NUMBER}, so Twilio blocks texts to them from that number. They must text START to ${DEFAULT_NUMBER} to receive texts again.`,
    );
    await settleOutbox(server);
    expect(await storedCounts(tenant)).toEqual({
      outbound: 0,
      conversations: 1,
    });
    expect(twilioSendRequests(tenant)).toBe(0);
  });

  test("new conversation rejected", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "unsubscribe");
    const before = await storedCounts(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "(415) 555-0188", body: "Hello again" },
      },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("opted_out");
    expect(
      response.json<{ error: { message: string } }>().error.message,
    ).toMatch(/texted UNSUBSCRIBE on \+14155550100/);
    await settleOutbox(server);
    expect(await storedCounts(tenant)).toEqual(before);
    expect(twilioSendRequests(tenant)).toBe(0);
  });

  test("another company number may still text", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await customerTexts(tenant, "STOP", DEFAULT_NUMBER);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: {
          to: CUSTOMER,
          from: SECOND_NUMBER,
          body: "From our other line",
        },
      },
    );

    expect(response.statusCode).toBe(201);
    const result = response.json<SendResult>();
    expect(result.message.from).toBe(SECOND_NUMBER);
    await settleOutbox(server);
    expect(sentTexts(server, tenant.account)).toMatchObject([
      { from: SECOND_NUMBER, to: CUSTOMER },
    ]);
    // Later replies stay on the number staff chose, where no opt-out holds.
    expect(result.conversation.inboxNumber).toBe(SECOND_NUMBER);
    expect(result.conversation.optOut.optedOut).toBe(false);
  });

  test("START allows replies again", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "STOP");
    await customerTexts(tenant, "start");
    const id = await conversationId(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${id}/messages`,
      { body: { body: "Welcome back" } },
    );

    expect(response.statusCode).toBe(201);
    expect((await storedCounts(tenant)).outbound).toBe(1);
  });
});

describe("conversation opt-out state", () => {
  test("shows STOP with its time", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "Stop");
    const id = await conversationId(tenant);

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${id}`,
    );

    const { optOut } = response.json<Conversation>();
    expect(optOut.optedOut).toBe(true);
    expect(optOut.keyword).toBe("STOP");
    expect(optOut.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test("shows START after opting in", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "STOP");
    await customerTexts(tenant, "YES");
    const id = await conversationId(tenant);

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${id}`,
    );

    const { optOut } = response.json<Conversation>();
    expect(optOut).toMatchObject({ optedOut: false, keyword: "YES" });
    expect(optOut.at).toMatch(/^\d{4}-/);
  });

  test("follows the conversation's current number", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await customerTexts(tenant, "STOP", DEFAULT_NUMBER);
    await customerTexts(tenant, "Hi, new question", SECOND_NUMBER);

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );

    const [summary] = response.json<{ conversations: Conversation[] }>()
      .conversations;
    expect(summary?.inboxNumber).toBe(SECOND_NUMBER);
    expect(summary?.optOut).toEqual({
      optedOut: false,
      at: null,
      keyword: null,
    });
  });

  test("lists each conversation's own state", async () => {
    const tenant = await buildTenant(server);
    await customerTexts(tenant, "STOP");
    await deliverText(
      tenant,
      inboundParams(tenant.connection, { From: "+14155550189" }),
    );

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );

    const states = response
      .json<{ conversations: Conversation[] }>()
      .conversations.map((item) => [item.customerNumber, item.optOut.optedOut]);
    expect(states).toEqual(
      expect.arrayContaining([
        [CUSTOMER, true],
        ["+14155550189", false],
      ]),
    );
    expect(states).toHaveLength(2);
  });
});
