import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessagePage, SendResult } from "../../src/common/api.js";
import {
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

const CUSTOMER = "+14155550170";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

function sentBy(tenant: Tenant) {
  return sentTexts(server, tenant.account);
}

async function storedMessages(tenant: Tenant) {
  return server.ctx.db
    .selectFrom("messages")
    .selectAll()
    .where("company_id", "=", tenant.company.id)
    .where("direction", "=", "outbound")
    .execute();
}

describe("reply", () => {
  it("sends from the number last texted", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: SECOND_NUMBER,
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "  See you at 10.  " } },
    );
    const result = response.json<SendResult>();
    await settleOutbox(server);

    expect(response.statusCode).toBe(201);
    expect(sentBy(tenant)).toMatchObject([
      { to: CUSTOMER, from: SECOND_NUMBER, body: "See you at 10." },
    ]);
    expect(result.message).toMatchObject({
      conversationId,
      direction: "outbound",
      from: SECOND_NUMBER,
      to: CUSTOMER,
      errorCode: null,
      retryable: false,
    });
    // A polling worker on another connection may claim the job before the
    // response reads the message back, so it can already be "sending".
    expect(["queued", "sending"]).toContain(result.message.status);
    expect(result.conversation.lastMessagePreview).toBe("See you at 10.");
    const [stored] = await storedMessages(tenant);
    expect(stored?.twilio_sid).toBe(sentBy(tenant)[0]?.sid);
    expect(stored?.sent_by_staff_id).toBe(tenant.owner.id);
  });

  it("commits the message before calling Twilio", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });
    const seenByTwilio: { status: string; twilio_sid: string | null }[] = [];
    server.setSendHook(async () => {
      seenByTwilio.push(...(await storedMessages(tenant)));
    });

    try {
      await callApi(
        server,
        tenant.owner,
        "POST",
        `/conversations/${conversationId}/messages`,
        {
          body: { body: "On our way." },
        },
      );
      await settleOutbox(server);
    } finally {
      server.setSendHook(null);
    }

    expect(seenByTwilio).toMatchObject([
      { status: "sending", twilio_sid: null },
    ]);
  });

  it("stores a Twilio error as failed", async () => {
    const tenant = await buildTenant(server);
    const optedOut = "+14155550171";
    server.sandbox.state.setOptedOut(tenant.account.sid, optedOut, true);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: optedOut,
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Are you still coming?" } },
    );
    await settleOutbox(server);
    const thread = await callApi(
      server,
      tenant.owner,
      "GET",
      `/conversations/${conversationId}/messages`,
    );
    const message = thread.json<MessagePage>().messages.at(-1);

    expect(response.statusCode).toBe(201);
    // The worker's poll may claim the message before the route reads it.
    expect(["queued", "sending"]).toContain(
      response.json<SendResult>().message.status,
    );
    expect(message?.status).toBe("failed");
    expect(message?.errorCode).toBe(21610);
    expect(message?.errorMessage).toContain("STOP");
    expect(message?.retryable).toBe(false);
    const [stored] = await storedMessages(tenant);
    expect(stored).toMatchObject({
      status: "failed",
      error_code: 21610,
      twilio_sid: null,
    });
  });

  it("rejects view-only staff without side effects", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Hello" } },
    );

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
    expect(await storedMessages(tenant)).toEqual([]);
    expect(sentBy(tenant)).toEqual([]);
  });

  it("rejects a body over 1600 characters", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });
    const path = `/conversations/${conversationId}/messages`;

    const tooLong = await callApi(server, tenant.owner, "POST", path, {
      body: { body: "x".repeat(1601) },
    });
    const blank = await callApi(server, tenant.owner, "POST", path, {
      body: { body: "   " },
    });
    const longest = await callApi(server, tenant.owner, "POST", path, {
      body: { body: "x".repeat(1600) },
    });

    expect(tooLong.statusCode).toBe(400);
    expect(
      tooLong.json<{ error: { message: string } }>().error.message,
    ).toContain("1,600 characters");
    await settleOutbox(server);
    expect(blank.statusCode).toBe(400);
    expect(longest.statusCode).toBe(201);
    expect(sentBy(tenant)).toHaveLength(1);
  });

  it("rejects a misspelled field without sending", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Photo attached", mediaID: ["upload-1"] } },
    );
    await settleOutbox(server);
    const error = response.json<{
      error: { code: string; message: string; field: string };
    }>().error;

    expect(response.statusCode).toBe(400);
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("mediaID");
    expect(error.message).toBe(
      'The request body contains an unknown field, "mediaID". The accepted fields are body, mediaIds. Correct the field\'s name or remove the field.',
    );
    expect(await storedMessages(tenant)).toEqual([]);
    expect(sentBy(tenant)).toEqual([]);
  });

  it("rejects replies to short codes", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "SHOPCO",
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Hello" } },
    );

    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ error: { message: string } }>().error.message,
    ).toContain("cannot be replied to");
    expect(sentBy(tenant)).toEqual([]);
  });

  it("rejects when Twilio is not connected", async () => {
    const tenant = await buildTenant(server, { connect: false });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Hello" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("twilio_not_connected");
    expect(await storedMessages(tenant)).toEqual([]);
  });
});

describe("new conversation", () => {
  it("defaults to the only number", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "(415) 555-0172", body: "Your order is ready." },
      },
    );
    const result = response.json<SendResult>();
    await settleOutbox(server);

    expect(response.statusCode).toBe(201);
    expect(result.conversation).toMatchObject({
      customerNumber: "+14155550172",
      inboxNumber: DEFAULT_NUMBER,
      unreadCount: 0,
    });
    expect(sentBy(tenant)).toMatchObject([
      {
        to: "+14155550172",
        from: DEFAULT_NUMBER,
        body: "Your order is ready.",
      },
    ]);
  });

  it("needs From with several numbers", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const withoutFrom = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "+14155550173", body: "Hi" },
      },
    );
    const withFrom = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "+14155550173", from: "(415) 555-0111", body: "Hi" },
      },
    );

    expect(withoutFrom.statusCode).toBe(400);
    expect(withoutFrom.json<{ error: { field: string } }>().error.field).toBe(
      "from",
    );
    await settleOutbox(server);
    expect(withFrom.statusCode).toBe(201);
    expect(sentBy(tenant)).toMatchObject([{ from: SECOND_NUMBER }]);
  });

  it("rejects a misspelled From without sending", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      { body: { to: "+14155550175", form: DEFAULT_NUMBER, body: "Hi" } },
    );
    await settleOutbox(server);
    const error = response.json<{
      error: { message: string; field: string };
    }>().error;

    expect(response.statusCode).toBe(400);
    expect(error.field).toBe("form");
    expect(error.message).toContain('unknown field, "form"');
    expect(error.message).toContain(
      "The accepted fields are to, from, body, mediaIds.",
    );
    expect(await storedMessages(tenant)).toEqual([]);
    expect(sentBy(tenant)).toEqual([]);
  });

  it("rejects a From outside the company", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "+14155550174", from: "+14155550999", body: "Hi" },
      },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { field: string } }>().error.field).toBe(
      "from",
    );
    expect(sentBy(tenant)).toEqual([]);
  });

  it("rejects an invalid To", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "555-01", body: "Hi" },
      },
    );
    const { error } = response.json<{
      error: { message: string; field: string };
    }>();

    expect(response.statusCode).toBe(400);
    expect(error.field).toBe("to");
    expect(error.message).toContain("is not a valid phone number");
    expect(await storedMessages(tenant)).toEqual([]);
  });

  it("joins an existing conversation", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550175",
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "+1 415 555 0175", body: "Following up." },
      },
    );

    expect(response.json<SendResult>().conversation.id).toBe(conversationId);
  });
});

describe("unreachable Twilio", () => {
  it("fails the send after retries", async () => {
    const closed = await startInboxServer();
    const tenant = await buildTenant(closed);
    await closed.sandbox.close();
    const { conversationId } = await seedInbound(closed.ctx, tenant.company, {
      from: CUSTOMER,
    });

    try {
      const response = await callApi(
        closed,
        tenant.owner,
        "POST",
        `/conversations/${conversationId}/messages`,
        { body: { body: "Hello" } },
      );
      await settleOutbox(closed);
      const [stored] = await closed.ctx.db
        .selectFrom("messages")
        .selectAll()
        .where("direction", "=", "outbound")
        .execute();

      expect(response.statusCode).toBe(201);
      // The worker's poll may claim the message before the route reads it.
      expect(["queued", "sending"]).toContain(
        response.json<SendResult>().message.status,
      );
      expect(stored?.status).toBe("failed");
      expect(stored?.error_code).toBeNull();
      expect(stored?.error_message).toContain("Could not reach Twilio");
    } finally {
      await closed.outbox.stop();
      await closed.test.close();
    }
  });
});
