import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import {
  postStatus,
  seedOutbound,
  statusParams,
} from "../status/status-fixture.js";
import { CUSTOMER_NUMBER } from "../webhook/webhook-fixture.js";
import {
  buildInboxTenant,
  connect,
  parseEvent,
  postInbound,
  startListeningApp,
  type ListeningApp,
} from "./events-fixture.js";

let server: ListeningApp;

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  await server.close();
});

describe("inbox event stream delivery", () => {
  it("sends event stream headers", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);

    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.headers["cache-control"]).toContain("no-cache");
    expect(stream.headers["x-accel-buffering"]).toBe("no");
    await expect.poll(() => stream.retryMs()).toBe(2000);
  });

  it("delivers an inbound text within a second", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);

    const started = Date.now();
    await postInbound(server, tenant, { Body: "Is the 10am tour on?" });
    const event = await stream.next(1_000);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(event.id).toMatch(/^[0-9]+$/);
    const data = parseEvent(event);
    expect(data.type).toBe("message.created");
    expect(data.message?.body).toBe("Is the 10am tour on?");
    expect(data.message?.direction).toBe("inbound");
    expect(data.message?.conversationId).toBe(data.conversation.id);
    expect(data.conversation.customerNumber).toBe(CUSTOMER_NUMBER);
    expect(data.conversation.unreadCount).toBe(1);
    expect(data.conversation.lastMessagePreview).toBe("Is the 10am tour on?");
    expect(data.conversation.optOut.optedOut).toBe(false);
    expect(data.totalUnread).toBe(1);
  });

  it("reports a STOP as opted out", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);

    await postInbound(server, tenant, { Body: "STOP" });
    const data = parseEvent(await stream.next(1_000));

    expect(data.conversation.optOut.optedOut).toBe(true);
    expect(data.conversation.optOut.keyword).toBe("STOP");
  });

  it("sends a status callback as message.updated", async () => {
    const tenant = await buildInboxTenant(server);
    const { ctx, app } = server.test;
    const sent = await seedOutbound(ctx, tenant);
    const stream = await connect(server, tenant.owner);

    const response = await postStatus(
      app,
      tenant,
      statusParams(tenant, sent.twilioSid, "delivered"),
    );
    expect(response.statusCode).toBe(200);
    const data = parseEvent(await stream.next(1_000));

    expect(data.type).toBe("message.updated");
    expect(data.message?.id).toBe(sent.messageId);
    expect(data.message?.status).toBe("delivered");
    expect(data.totalUnread).toBe(0);
  });

  it("skips a status that changes nothing", async () => {
    const tenant = await buildInboxTenant(server);
    const { ctx, app } = server.test;
    const sent = await seedOutbound(ctx, tenant, { status: "delivered" });
    const stream = await connect(server, tenant.owner);

    await postStatus(app, tenant, statusParams(tenant, sent.twilioSid, "sent"));

    expect(await stream.collect(1_500)).toEqual([]);
  });

  it("sends a retry as message.updated", async () => {
    const tenant = await buildInboxTenant(server);
    const sent = await seedOutbound(server.test.ctx, tenant, {
      status: "failed",
    });
    const stream = await connect(server, tenant.owner);

    const response = await server.test.app.inject({
      method: "POST",
      url: `/api/plugins/sms-chat/messages/${sent.messageId}/retry`,
      headers: tenant.owner.headers,
    });
    expect(response.statusCode).toBe(200);
    const data = parseEvent(await stream.next(1_000));

    expect(data.type).toBe("message.updated");
    expect(data.message?.id).toBe(sent.messageId);
    expect(data.message?.status).toBe("queued");
  });

  it("sends a chosen customer as conversation.updated", async () => {
    const tenant = await buildInboxTenant(server);
    const { ctx, app } = server.test;
    await postInbound(server, tenant);
    const conversation = await ctx.db
      .selectFrom("conversations")
      .select("id")
      .where("company_id", "=", tenant.company.id)
      .executeTakeFirstOrThrow();
    const customer = await createCustomer(ctx, tenant.company.id, {
      name: "Sam Lee",
      phone: CUSTOMER_NUMBER,
    });
    const stream = await connect(server, tenant.viewer);

    const response = await app.inject({
      method: "PUT",
      url: `/api/plugins/sms-chat/conversations/${conversation.id}/customer`,
      headers: tenant.owner.headers,
      payload: { customerId: customer.id },
    });
    expect(response.statusCode).toBe(200);
    const data = parseEvent(await stream.next(1_000));

    expect(data.type).toBe("conversation.updated");
    expect(data.message).toBeNull();
    expect(data.conversation.id).toBe(conversation.id);
    expect(data.conversation.customer).toEqual({
      id: customer.id,
      name: "Sam Lee",
    });
    expect(data.conversation.unreadCount).toBe(1);
  });

  it("sends customer edits as conversation.updated", async () => {
    const tenant = await buildInboxTenant(server);
    const { app } = server.test;
    await postInbound(server, tenant);
    const stream = await connect(server, tenant.viewer);
    const customerApi =
      (method: "POST" | "PUT" | "DELETE", path = "") =>
      (payload?: object) =>
        app.inject({
          method,
          url: `/api/customers${path}`,
          headers: tenant.owner.headers,
          ...(payload ? { payload } : {}),
        });

    const created = await customerApi("POST")({
      name: "Sam Lee",
      phone: CUSTOMER_NUMBER,
    });
    expect(created.statusCode).toBe(201);
    const customerId = created.json<{ id: string }>().id;
    const added = parseEvent(await stream.next(1_000));

    const renamed = await customerApi(
      "PUT",
      `/${customerId}`,
    )({
      name: "Samuel Lee",
      phone: CUSTOMER_NUMBER,
    });
    expect(renamed.statusCode).toBe(200);
    const edited = parseEvent(await stream.next(1_000));

    const deleted = await customerApi("DELETE", `/${customerId}`)();
    expect(deleted.statusCode).toBe(204);
    const removed = parseEvent(await stream.next(1_000));

    expect(added.type).toBe("conversation.updated");
    expect(added.conversation.customerName).toBe("Sam Lee");
    expect(edited.type).toBe("conversation.updated");
    expect(edited.conversation.customerName).toBe("Samuel Lee");
    expect(removed.type).toBe("conversation.updated");
    expect(removed.conversation.customerName).toBeNull();
  });

  it("delivers to view-only staff", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.viewer);
    expect(stream.status).toBe(200);

    await postInbound(server, tenant);
    const data = parseEvent(await stream.next(1_000));

    expect(data.type).toBe("message.created");
    expect(data.conversation.unreadCount).toBe(1);
  });

  it("sends read state to its reader only", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant);
    const ownerStream = await connect(server, tenant.owner);
    const viewerStream = await connect(server, tenant.viewer);
    const list = await server.test.app.inject({
      url: "/api/plugins/sms-chat/conversations",
      headers: tenant.owner.headers,
    });
    const [conversation] = list.json<{ conversations: { id: string }[] }>()
      .conversations;

    const read = await server.test.app.inject({
      method: "POST",
      url: `/api/plugins/sms-chat/conversations/${conversation?.id}/read`,
      headers: tenant.owner.headers,
    });
    expect(read.statusCode).toBe(204);
    const data = parseEvent(await ownerStream.next(1_000));

    expect(data.type).toBe("conversation.read");
    expect(data.message).toBeNull();
    expect(data.conversation.unreadCount).toBe(0);
    expect(data.totalUnread).toBe(0);
    expect(await viewerStream.collect(1_500)).toEqual([]);
  });
});
