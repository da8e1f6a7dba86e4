import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, ConversationPage } from "../../src/common/api.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { loadEventPayload } from "../../src/server/plugins/sms-inbox/events/event-payload.js";
import {
  API,
  buildTenant,
  callApi,
  errorCode,
  seedInbound,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import type { BuiltStaff } from "../support/factories.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

const SHARED_NUMBER = "+14155550150";

/** Builds a tenant with two customers on SHARED_NUMBER and a text from it. */
async function sharedNumberTenant() {
  const tenant = await buildTenant(server);
  const sam = await createCustomer(server.ctx, tenant.company.id, {
    name: "Sam Lee",
    phone: "(415) 555-0150",
  });
  const alex = await createCustomer(server.ctx, tenant.company.id, {
    name: "Alex Lee",
    phone: "+1 415 555 0150",
    confirmSharedPhone: true,
  });
  const { conversationId } = await seedInbound(server.ctx, tenant.company, {
    from: SHARED_NUMBER,
  });

  return { tenant, sam, alex, conversationId };
}

async function getConversation(
  staff: BuiltStaff,
  id: string,
): Promise<Conversation> {
  const response = await callApi(server, staff, "GET", `/conversations/${id}`);
  expect(response.statusCode).toBe(200);

  return response.json<Conversation>();
}

async function listConversations(staff: BuiltStaff): Promise<Conversation[]> {
  const response = await callApi(server, staff, "GET", "/conversations");
  expect(response.statusCode).toBe(200);

  return response.json<ConversationPage>().conversations;
}

/** Sets the conversation's customer as `staff`, with the CSRF token. */
function chooseCustomer(
  tenantStaff: BuiltStaff,
  conversationId: string,
  customerId: string | null,
) {
  return server.test.app.inject({
    method: "PUT",
    url: `${API}/conversations/${conversationId}/customer`,
    headers: tenantStaff.headers,
    payload: { customerId },
  });
}

async function storedLink(
  conversationId: string,
): Promise<string | null | undefined> {
  const row = await server.ctx.db
    .selectFrom("conversations")
    .select("customer_id")
    .where("id", "=", conversationId)
    .executeTakeFirst();

  return row?.customer_id;
}

describe("customer of a conversation", () => {
  it("names the only matching customer", async () => {
    const tenant = await buildTenant(server);
    const ada = await createCustomer(server.ctx, tenant.company.id, {
      name: "Ada Lovelace",
      phone: "415 555 0100",
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550100",
    });

    const conversation = await getConversation(tenant.viewer, conversationId);

    expect(conversation.customer).toEqual({ id: ada.id, name: "Ada Lovelace" });
    expect(conversation.customerMatches).toEqual([]);
    expect(conversation.customerName).toBe("Ada Lovelace");
  });

  it("shows every customer sharing the number", async () => {
    const { tenant, sam, alex, conversationId } = await sharedNumberTenant();

    const conversation = await getConversation(tenant.viewer, conversationId);
    const [listed] = await listConversations(tenant.viewer);

    expect(conversation.customer).toBeNull();
    expect(conversation.customerName).toBeNull();
    expect(conversation.customerMatches).toEqual([
      { id: alex.id, name: "Alex Lee" },
      { id: sam.id, name: "Sam Lee" },
    ]);
    expect(listed?.customerMatches).toEqual(conversation.customerMatches);
  });

  it("pick survives a new inbound message", async () => {
    const { tenant, sam, conversationId } = await sharedNumberTenant();

    const response = await chooseCustomer(tenant.owner, conversationId, sam.id);
    await seedInbound(server.ctx, tenant.company, {
      from: SHARED_NUMBER,
      body: "It's Sam again",
    });
    const conversation = await getConversation(tenant.viewer, conversationId);
    const [listed] = await listConversations(tenant.owner);

    expect(response.statusCode).toBe(200);
    expect(response.json<Conversation>().customer).toEqual({
      id: sam.id,
      name: "Sam Lee",
    });
    expect(response.json<Conversation>().customerMatches).toEqual([]);
    expect(conversation.customer).toEqual({ id: sam.id, name: "Sam Lee" });
    expect(conversation.lastMessagePreview).toBe("It's Sam again");
    expect(listed?.customerName).toBe("Sam Lee");
  });

  it("live event carries the chosen customer", async () => {
    const { tenant, alex, conversationId } = await sharedNumberTenant();
    await chooseCustomer(tenant.owner, conversationId, alex.id);
    const { messageId } = await seedInbound(server.ctx, tenant.company, {
      from: SHARED_NUMBER,
    });

    const payload = await loadEventPayload(
      server.ctx.db,
      { companyId: tenant.company.id, staffId: tenant.viewer.id },
      {
        id: 1,
        type: "message.created",
        conversation_id: conversationId,
        message_id: messageId,
      },
      0,
    );

    expect(payload?.conversation.customer).toEqual({
      id: alex.id,
      name: "Alex Lee",
    });
    expect(payload?.conversation.customerMatches).toEqual([]);
  });

  it("clearing the choice shows the matches again", async () => {
    const { tenant, sam, conversationId } = await sharedNumberTenant();
    await chooseCustomer(tenant.owner, conversationId, sam.id);

    const response = await chooseCustomer(tenant.owner, conversationId, null);

    expect(response.statusCode).toBe(200);
    expect(response.json<Conversation>().customer).toBeNull();
    expect(response.json<Conversation>().customerMatches).toHaveLength(2);
    expect(await storedLink(conversationId)).toBeNull();
  });

  it("links an unknown number to a customer", async () => {
    const tenant = await buildTenant(server);
    const grace = await createCustomer(server.ctx, tenant.company.id, {
      name: "Grace Hopper",
      phone: "628 555 0199",
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550177",
    });
    const before = await getConversation(tenant.viewer, conversationId);

    const response = await chooseCustomer(
      tenant.owner,
      conversationId,
      grace.id,
    );

    expect(before.customer).toBeNull();
    expect(before.customerMatches).toEqual([]);
    expect(response.statusCode).toBe(200);
    expect(response.json<Conversation>().customer).toEqual({
      id: grace.id,
      name: "Grace Hopper",
    });
    expect(response.json<Conversation>().customerNumber).toBe("+14155550177");
  });

  it("rejects another company's customer", async () => {
    const { tenant, conversationId } = await sharedNumberTenant();
    const other = await buildTenant(server);
    const theirs = await createCustomer(server.ctx, other.company.id, {
      name: "Not Yours",
      phone: "415 555 0150",
    });

    const foreign = await chooseCustomer(
      tenant.owner,
      conversationId,
      theirs.id,
    );
    const unknown = await chooseCustomer(
      tenant.owner,
      conversationId,
      "no-such-id",
    );

    expect(foreign.statusCode).toBe(400);
    expect(errorCode(foreign)).toBe("validation_failed");
    expect(unknown.statusCode).toBe(400);
    expect(await storedLink(conversationId)).toBeNull();
  });

  it("another company's conversation is not found", async () => {
    const { conversationId, sam } = await sharedNumberTenant();
    const other = await buildTenant(server);

    const response = await chooseCustomer(other.owner, conversationId, sam.id);

    expect(response.statusCode).toBe(404);
    expect(await storedLink(conversationId)).toBeNull();
  });

  it("needs the send permission", async () => {
    const { tenant, conversationId, sam } = await sharedNumberTenant();

    const response = await chooseCustomer(
      tenant.viewer,
      conversationId,
      sam.id,
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("missing_permission");
    expect(await storedLink(conversationId)).toBeNull();
  });

  it("needs inbox access and a CSRF token", async () => {
    const { tenant, conversationId, sam } = await sharedNumberTenant();

    const outsider = await chooseCustomer(
      tenant.outsider,
      conversationId,
      sam.id,
    );
    const withoutCsrf = await server.test.app.inject({
      method: "PUT",
      url: `${API}/conversations/${conversationId}/customer`,
      headers: { cookie: tenant.owner.cookie },
      payload: { customerId: sam.id },
    });
    const badBody = await chooseCustomer(tenant.owner, conversationId, "");

    expect(outsider.statusCode).toBe(403);
    expect(withoutCsrf.statusCode).toBe(403);
    expect(badBody.statusCode).toBe(400);
    expect(await storedLink(conversationId)).toBeNull();
  });

  it("deleting the chosen customer unlinks it", async () => {
    const { tenant, sam, alex, conversationId } = await sharedNumberTenant();
    await chooseCustomer(tenant.owner, conversationId, sam.id);

    const deleted = await server.test.app.inject({
      method: "DELETE",
      url: `/api/customers/${sam.id}`,
      headers: tenant.owner.headers,
    });
    const conversation = await getConversation(tenant.viewer, conversationId);
    const listed = await listConversations(tenant.viewer);

    expect(deleted.statusCode).toBe(204);
    expect(await storedLink(conversationId)).toBeNull();
    // Alex is now the only customer with the number.
    expect(conversation.customer).toEqual({ id: alex.id, name: "Alex Lee" });
    expect(listed).toHaveLength(1);
  });

  it("loads a page of mixed conversations", async () => {
    const { tenant, sam } = await sharedNumberTenant();
    const ada = await createCustomer(server.ctx, tenant.company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });
    const linked = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550161",
    });
    await chooseCustomer(tenant.owner, linked.conversationId, sam.id);
    await seedInbound(server.ctx, tenant.company, { from: "+14155550100" });
    await seedInbound(server.ctx, tenant.company, { from: "68849" });

    const conversations = await listConversations(tenant.viewer);
    const byNumber = new Map(
      conversations.map((item) => [item.customerNumber, item]),
    );

    expect(byNumber.get(SHARED_NUMBER)?.customerMatches).toHaveLength(2);
    expect(byNumber.get("+14155550161")?.customer?.id).toBe(sam.id);
    expect(byNumber.get("+14155550100")?.customer?.id).toBe(ada.id);
    expect(byNumber.get("68849")?.customer).toBeNull();
    expect(byNumber.get("68849")?.customerMatches).toEqual([]);
  });
});
