import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendResult } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  seedInbound,
  startInboxServer,
  type InboxServer,
} from "./inbox-fixture.js";

const CUSTOMER = "+14155550190";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

async function storedBody(messageId: string) {
  const row = await server.ctx.db
    .selectFrom("messages")
    .select("body")
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();

  return row.body;
}

describe("outbound body NUL characters", () => {
  it("strips them from a reply", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "See\u0000 you\u0000" } },
    );

    expect(response.statusCode).toBe(201);
    const { message } = response.json<SendResult>();
    expect(message.body).toBe("See you");
    expect(await storedBody(message.id)).toBe("See you");
  });

  it("strips them from a new conversation", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: CUSTOMER, body: "\u0000Hello" },
      },
    );

    expect(response.statusCode).toBe(201);
    const { message } = response.json<SendResult>();
    expect(await storedBody(message.id)).toBe("Hello");
  });

  it("rejects a body of only NULs", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: CUSTOMER, body: "\u0000\u0000" },
      },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { field: string } }>().error.field).toBe(
      "body",
    );
  });
});
