import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessagePage, SendResult } from "../../src/common/api.js";
import {
  API,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  seedInbound,
  startInboxServer,
  type InboxServer,
} from "./inbox-fixture.js";

const CUSTOMER = "+14155550160";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

const START = Date.now() - 24 * 60 * 60 * 1000;

/** Returns an ISO time `seconds` after a start one day ago. */
function second(seconds: number): string {
  return new Date(START + seconds * 1000).toISOString();
}

describe("thread messages", () => {
  it("returns the latest page oldest first", async () => {
    const tenant = await buildTenant(server);
    let conversationId = "";
    for (let index = 0; index < 53; index += 1) {
      const seeded = await seedInbound(server.ctx, tenant.company, {
        from: CUSTOMER,
        body: `Message ${index}`,
        at: second(index),
      });
      conversationId = seeded.conversationId;
    }

    const latest = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}/messages`,
    );
    const latestPage = latest.json<MessagePage>();
    expect(latest.statusCode).toBe(200);
    expect(latestPage.messages).toHaveLength(50);
    expect(latestPage.messages[0]?.body).toBe("Message 3");
    expect(latestPage.messages[49]?.body).toBe("Message 52");
    expect(latestPage.nextBefore).not.toBeNull();

    const older = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}/messages?before=${latestPage.nextBefore ?? ""}`,
    );
    const olderPage = older.json<MessagePage>();
    expect(olderPage.messages.map((message) => message.body)).toEqual([
      "Message 0",
      "Message 1",
      "Message 2",
    ]);
    expect(olderPage.nextBefore).toBeNull();
  });

  it("presents media and sender", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      body: "",
      at: second(1),
      media: [
        { url: "https://media.example.com/1.jpg", contentType: "image/jpeg" },
        { url: "https://media.example.com/2.png", contentType: "image/png" },
      ],
    });
    const reply = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Thanks for the photos!" } },
    );
    expect(reply.statusCode).toBe(201);

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}/messages`,
    );
    const [inbound, outbound] = response.json<MessagePage>().messages;

    expect(inbound).toMatchObject({
      direction: "inbound",
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
      body: "",
      status: "received",
      sentBy: null,
      media: [
        {
          url: `${API}/media/${inbound?.id}/0`,
          contentType: "image/jpeg",
        },
        {
          url: `${API}/media/${inbound?.id}/1`,
          contentType: "image/png",
        },
      ],
    });
    const staff = await server.ctx.db
      .selectFrom("staff")
      .select("name")
      .where("id", "=", tenant.owner.id)
      .executeTakeFirstOrThrow();
    expect(outbound).toMatchObject({
      id: reply.json<SendResult>().message.id,
      direction: "outbound",
      from: DEFAULT_NUMBER,
      to: CUSTOMER,
      body: "Thanks for the photos!",
      sentBy: { id: tenant.owner.id, name: staff.name },
      media: [],
    });
  });

  it("rejects a malformed before cursor", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}/messages?before=abc`,
    );

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
  });
});
