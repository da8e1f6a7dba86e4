import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Conversation,
  ConversationPage,
  InboxInfo,
} from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  seedCustomer,
  seedInbound,
  startInboxServer,
  type InboxServer,
} from "./inbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

const START = Date.now() - 24 * 60 * 60 * 1000;

/** Returns an ISO time `minutes` after a start one day ago. */
function minute(minutes: number): string {
  return new Date(START + minutes * 60 * 1000).toISOString();
}

function customer(index: number): string {
  return `+1415555${String(1000 + index).padStart(4, "0")}`;
}

describe("conversation list", () => {
  it("orders by newest activity", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: customer(2),
      at: minute(3),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: customer(3),
      at: minute(2),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: minute(4),
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );
    const page = response.json<ConversationPage>();

    expect(response.statusCode).toBe(200);
    expect(page.conversations.map((item) => item.customerNumber)).toEqual([
      customer(1),
      customer(2),
      customer(3),
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it("pages with the cursor", async () => {
    const tenant = await buildTenant(server);
    // Two conversations share each timestamp, so paging must break ties by id.
    for (let index = 0; index < 56; index += 1) {
      await seedInbound(server.ctx, tenant.company, {
        from: customer(index),
        at: minute(Math.floor(index / 2)),
      });
    }

    const first = await callApi(server, tenant.viewer, "GET", "/conversations");
    const firstPage = first.json<ConversationPage>();
    expect(firstPage.conversations).toHaveLength(50);
    expect(firstPage.nextCursor).not.toBeNull();

    const second = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations?cursor=${firstPage.nextCursor ?? ""}`,
    );
    const secondPage = second.json<ConversationPage>();
    expect(secondPage.conversations).toHaveLength(6);
    expect(secondPage.nextCursor).toBeNull();

    const all = [...firstPage.conversations, ...secondPage.conversations];
    expect(new Set(all.map((item) => item.id)).size).toBe(56);
    const keys = all.map((item) => `${item.lastMessageAt} ${item.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it("rejects a malformed cursor", async () => {
    const tenant = await buildTenant(server);
    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations?cursor=not-a-cursor",
    );

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
  });

  it("excludes other companies' conversations", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    await seedInbound(server.ctx, other.company, { from: customer(9) });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );

    expect(response.json<ConversationPage>().conversations).toEqual([]);
  });
});

describe("customer names", () => {
  it("matches a national-format customer", async () => {
    const tenant = await buildTenant(server);
    await seedCustomer(server.ctx, tenant.company, {
      name: "Ada Lovelace",
      phone: "(415) 555-0100",
      phoneE164: "+14155550100",
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155550100",
      to: "+14155550999",
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );
    const [summary] = response.json<ConversationPage>().conversations;

    expect(summary?.customerName).toBe("Ada Lovelace");
  });

  it("ignores another company's customer", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    await seedCustomer(server.ctx, other.company, {
      name: "Someone Else",
      phone: "(415) 555-0142",
      phoneE164: "+14155550142",
    });
    await seedInbound(server.ctx, tenant.company, { from: "+14155550142" });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations",
    );
    const [summary] = response.json<ConversationPage>().conversations;

    expect(summary?.customerNumber).toBe("+14155550142");
    expect(summary?.customerName).toBeNull();
  });

  it("lists every match of a shared number", async () => {
    const tenant = await buildTenant(server);
    await seedCustomer(server.ctx, tenant.company, {
      name: "Newer Record",
      phone: "415-555-0143",
      phoneE164: "+14155550143",
      at: minute(30),
    });
    await seedCustomer(server.ctx, tenant.company, {
      name: "Older Record",
      phone: "+1 415 555 0143",
      phoneE164: "+14155550143",
      at: minute(10),
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550143",
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}`,
    );

    const conversation = response.json<Conversation>();
    expect(conversation.customerName).toBeNull();
    expect(conversation.customer).toBeNull();
    expect(conversation.customerMatches.map((match) => match.name)).toEqual([
      "Newer Record",
      "Older Record",
    ]);
  });
});

describe("unread state", () => {
  it("tracks reads per staff member", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: minute(2),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: customer(2),
      at: minute(3),
    });

    const read = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/read`,
    );
    expect(read.statusCode).toBe(204);

    const ownerView = await callApi(
      server,
      tenant.owner,
      "GET",
      `/conversations/${conversationId}`,
    );
    const viewerView = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}`,
    );
    expect(ownerView.json<Conversation>().unreadCount).toBe(0);
    expect(viewerView.json<Conversation>().unreadCount).toBe(2);

    const ownerInbox = await callApi(server, tenant.owner, "GET", "/inbox");
    const viewerInbox = await callApi(server, tenant.viewer, "GET", "/inbox");
    expect(ownerInbox.json<InboxInfo>().totalUnread).toBe(1);
    expect(viewerInbox.json<InboxInfo>().totalUnread).toBe(3);
  });

  it("counts texts after the read", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: minute(1),
    });
    await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/read`,
    );
    await seedInbound(server.ctx, tenant.company, {
      from: customer(1),
      at: new Date(Date.now() + 60_000).toISOString(),
    });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/conversations",
    );
    const [summary] = response.json<ConversationPage>().conversations;

    expect(summary?.unreadCount).toBe(1);
  });
});

describe("inbox info", () => {
  it("reports send permission and numbers", async () => {
    const tenant = await buildTenant(server);

    const owner = await callApi(server, tenant.owner, "GET", "/inbox");
    const viewer = await callApi(server, tenant.viewer, "GET", "/inbox");

    expect(owner.json<InboxInfo>()).toEqual({
      canSend: true,
      numbers: [
        {
          id: "default",
          phoneNumber: DEFAULT_NUMBER,
          name: null,
          isDefault: true,
        },
      ],
      totalUnread: 0,
    });
    expect(viewer.json<InboxInfo>().canSend).toBe(false);
  });
});

describe("conversation fetch", () => {
  it("returns the summary", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: customer(5),
      body: "  Is the   kayak tour on?  ",
      at: minute(7),
    });

    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${conversationId}`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<Conversation>()).toEqual({
      id: conversationId,
      customerNumber: customer(5),
      customerName: null,
      customer: null,
      customerMatches: [],
      inboxNumber: DEFAULT_NUMBER,
      lastMessageAt: minute(7),
      lastMessagePreview: "Is the kayak tour on?",
      lastMessageFailed: false,
      unreadCount: 1,
      optOut: { optedOut: false, at: null, keyword: null },
    });
  });

  it("returns 404 for unknown ids", async () => {
    const tenant = await buildTenant(server);
    const response = await callApi(
      server,
      tenant.viewer,
      "GET",
      "/conversations/00000000-0000-4000-8000-000000000000",
    );

    expect(response.statusCode).toBe(404);
  });
});
