import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendResult } from "../../src/common/api.js";
import { resolveReplyNumber } from "../../src/server/plugins/sms-inbox/numbers/reply-number.js";
import { connectTwilio } from "../support/factories.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInbound,
  seedInboxNumber,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

const CUSTOMER = "+14155550180";
const NEW_DEFAULT = "+14155550122";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

function reply(tenant: Tenant, conversationId: string, body: string) {
  return callApi(
    server,
    tenant.owner,
    "POST",
    `/conversations/${conversationId}/messages`,
    { body: { body } },
  );
}

async function storedInboxNumber(conversationId: string) {
  const row = await server.ctx.db
    .selectFrom("conversations")
    .select("inbox_number")
    .where("id", "=", conversationId)
    .executeTakeFirstOrThrow();

  return row.inbox_number;
}

describe("reply after a number change", () => {
  it("uses the default after removal", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: SECOND_NUMBER,
    });
    const removed = await callApi(
      server,
      tenant.owner,
      "DELETE",
      `/numbers/${numberId}`,
    );

    const response = await reply(tenant, conversationId, "Still here.");
    await settleOutbox(server);

    expect(removed.statusCode).toBe(204);
    expect(response.statusCode).toBe(201);
    const result = response.json<SendResult>();
    expect(result.message.from).toBe(DEFAULT_NUMBER);
    expect(result.conversation.inboxNumber).toBe(DEFAULT_NUMBER);
    expect(await storedInboxNumber(conversationId)).toBe(DEFAULT_NUMBER);
    expect(sentTexts(server, tenant.account)).toMatchObject([
      { from: DEFAULT_NUMBER, to: CUSTOMER, body: "Still here." },
    ]);
  });

  it("uses the new default number", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, NEW_DEFAULT);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      defaultNumber: NEW_DEFAULT,
    });

    const response = await reply(tenant, conversationId, "New line.");
    await settleOutbox(server);

    expect(response.statusCode).toBe(201);
    expect(response.json<SendResult>().message.from).toBe(NEW_DEFAULT);
    expect(await storedInboxNumber(conversationId)).toBe(NEW_DEFAULT);
    expect(sentTexts(server, tenant.account)).toMatchObject([
      { from: NEW_DEFAULT, to: CUSTOMER },
    ]);
  });

  it("keeps a number still in the inbox", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: SECOND_NUMBER,
    });

    const response = await reply(tenant, conversationId, "Same line.");

    expect(response.json<SendResult>().message.from).toBe(SECOND_NUMBER);
    expect(await storedInboxNumber(conversationId)).toBe(SECOND_NUMBER);
  });

  it("needs twilio when the number is gone", async () => {
    const tenant = await buildTenant(server, { connect: false });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: SECOND_NUMBER,
    });

    const response = await reply(tenant, conversationId, "Anyone?");

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("twilio_not_connected");
    await expect(
      resolveReplyNumber(server.ctx.db, tenant.company.id, SECOND_NUMBER),
    ).rejects.toMatchObject({ code: "twilio_not_connected" });
  });
});

describe("new conversation with an explicit from", () => {
  it("moves the conversation to that number", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });

    const started = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: CUSTOMER, from: SECOND_NUMBER, body: "Other line." },
      },
    );
    const replied = await reply(tenant, conversationId, "Following up.");
    await settleOutbox(server);

    expect(started.statusCode).toBe(201);
    const result = started.json<SendResult>();
    expect(result.conversation.id).toBe(conversationId);
    expect(result.conversation.inboxNumber).toBe(SECOND_NUMBER);
    expect(replied.json<SendResult>().message.from).toBe(SECOND_NUMBER);
    expect(sentTexts(server, tenant.account)).toMatchObject([
      { from: SECOND_NUMBER, body: "Other line." },
      { from: SECOND_NUMBER, body: "Following up." },
    ]);
  });

  it("customer text moves it back", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await callApi(server, tenant.owner, "POST", "/conversations", {
      body: { to: CUSTOMER, from: SECOND_NUMBER, body: "Hello." },
    });

    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });

    expect(await storedInboxNumber(conversationId)).toBe(DEFAULT_NUMBER);
  });
});
