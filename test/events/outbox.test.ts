import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildTenant,
  callApi,
  seedInbound,
  settleOutbox,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { EVENTS_PATH, parseEvent } from "./events-fixture.js";
import { openEventStream, type SseConnection } from "./sse-client.js";

const CUSTOMER = "+14155550171";

let server: InboxServer;
let baseUrl: string;
const streams: SseConnection[] = [];

beforeAll(async () => {
  server = await startInboxServer();
  baseUrl = await server.test.app.listen({ port: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await server.close();
});

describe("inbox event stream of sent replies", () => {
  it("sends a reply's creation and delivery", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });
    const stream = await openEventStream(`${baseUrl}${EVENTS_PATH}`, {
      cookie: tenant.viewer.cookie,
    });
    streams.push(stream);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "See you at the dock" } },
    );
    expect(response.statusCode).toBe(201);
    const created = parseEvent(await stream.next(1_000));

    expect(created.type).toBe("message.created");
    expect(created.conversation.id).toBe(conversationId);
    expect(created.conversation.lastMessagePreview).toBe("See you at the dock");
    expect(created.message?.direction).toBe("outbound");
    expect(created.message?.sentBy?.id).toBe(tenant.owner.id);

    await settleOutbox(server);
    const updates = (await stream.collect(1_500)).map(parseEvent);
    const stored = await server.ctx.db
      .selectFrom("messages")
      .select("status")
      .where("id", "=", created.message?.id ?? "")
      .executeTakeFirstOrThrow();

    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(update.type).toBe("message.updated");
      expect(update.message?.id).toBe(created.message?.id);
    }
    expect(updates.at(-1)?.message?.status).toBe(stored.status);
    expect(stored.status).not.toBe("sending");
  });
});
