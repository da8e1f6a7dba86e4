import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/common/api.js";
import type { AuthContext } from "../../src/server/auth/guard.js";
import { nowIso } from "../../src/server/db/ids.js";
import { listConversationPage } from "../../src/server/plugins/sms-inbox/conversations/conversation-page.js";
import { conversationPageSchema } from "../../src/server/plugins/sms-inbox/conversations/conversation-page-schema.js";
import { presentConversationPage } from "../../src/server/plugins/sms-inbox/conversations/conversation-presenter.js";
import { searchConversationPage } from "../../src/server/plugins/sms-inbox/search/search-page.js";
import {
  parseSearchTerms,
  readsAsPhoneNumber,
} from "../../src/server/plugins/sms-inbox/search/search-terms.js";
import { decodeCursor } from "../../src/server/http/keyset-cursor.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  seedCustomer,
  seedInbound,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

let server: InboxServer;
let tenant: Tenant;
let auth: AuthContext;

const START = Date.parse("2026-04-01T09:00:00.000Z");

/** Message bodies whose JSON needs escapes, or none. */
const BODIES = [
  'Quote " and backslash \\ in one',
  "Line one\nline two\ttabbed\u0001",
  "Emoji 😀, accents éñ and separators \u2028\u2029",
  `Long ${"preview ".repeat(60)}"end"`,
  "Okonkwo asked about the tangerine order",
];

function numberOf(index: number): string {
  return `+1628555${String(1000 + index)}`;
}

function minute(index: number): string {
  return new Date(START + index * 60_000).toISOString();
}

beforeAll(async () => {
  server = await startInboxServer();
  tenant = await buildTenant(server);
  const { ctx } = server;
  auth = {
    staffId: tenant.owner.id,
    companyId: tenant.company.id,
    permissions: new Set(),
    locationIds: [tenant.enabledLocationId],
    csrfToken: "",
  };
  for (let index = 0; index < 54; index += 1) {
    const phone = numberOf(index);
    // Every third number has one customer, every fifth a second one, so
    // pages hold single customers, several matches and none.
    if (index % 3 === 0) {
      await seedCustomer(ctx, tenant.company, {
        name: `Okonkwo "Ada" ${index}`,
        phone,
        phoneE164: phone,
      });
    }
    if (index % 5 === 0) {
      await seedCustomer(ctx, tenant.company, {
        name: `Bea Okonkwo \\ ${index}`,
        phone,
        phoneE164: phone,
      });
    }
    await seedInbound(ctx, tenant.company, {
      from: phone,
      body: BODIES[index % BODIES.length],
      at: minute(index),
    });
  }
  // One opted-out customer and one who opted back in.
  await ctx.db
    .insertInto("opt_outs")
    .values([
      {
        company_id: tenant.company.id,
        customer_number: numberOf(53),
        inbox_number: DEFAULT_NUMBER,
        opted_out: 1,
        keyword: "STOP",
        opted_out_at: minute(60),
        opted_in_at: null,
        last_help_at: null,
        updated_at: nowIso(),
      },
      {
        company_id: tenant.company.id,
        customer_number: numberOf(52),
        inbox_number: DEFAULT_NUMBER,
        opted_out: 0,
        keyword: "START",
        opted_out_at: minute(58),
        opted_in_at: minute(59),
        last_help_at: null,
        updated_at: nowIso(),
      },
    ])
    .execute();
});

afterAll(async () => {
  await server.close();
});

/**
 * Returns the text JSON.stringify writes for the page that the list route
 * presents for `query` and `cursor`.
 */
async function stringifiedPage(
  query: string | null,
  cursor: string | null,
): Promise<string> {
  const before = cursor === null ? null : decodeCursor(cursor, "cursor");
  const page =
    query === null
      ? await listConversationPage(server.ctx.db, auth, before)
      : await searchConversationPage(
          server.ctx,
          auth,
          parseSearchTerms(query, readsAsPhoneNumber(query) ? "US" : null),
          before,
        );

  return JSON.stringify(presentConversationPage(page.rows, page.nextCursor));
}

/** Follows the cursor through the list for `query` and returns each body. */
async function responseBodies(query: string | null): Promise<string[]> {
  const bodies: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams();
    if (query !== null) params.set("q", query);
    if (cursor !== null) params.set("cursor", cursor);
    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      `/conversations?${params.toString()}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    bodies.push(response.body);
    cursor = response.json<{ nextCursor: string | null }>().nextCursor;
  } while (cursor !== null);

  return bodies;
}

describe("conversation list response", () => {
  it.each([
    ["inbox list", null],
    ["name search", "okonkwo"],
    ["text search", "tangerine"],
    ["digit search", "628555"],
  ])("%s matches JSON.stringify", async (_name, query) => {
    const bodies = await responseBodies(query);
    let cursor: string | null = null;
    for (const body of bodies) {
      expect(body).toBe(await stringifiedPage(query, cursor));
      cursor = (JSON.parse(body) as { nextCursor: string | null }).nextCursor;
    }
    expect(bodies.length).toBeGreaterThan(0);
  });

  it("keeps null and empty fields", async () => {
    const [first] = await responseBodies(null);
    const page = JSON.parse(first ?? "{}") as {
      conversations: Record<string, unknown>[];
    };
    const byNumber = new Map(
      page.conversations.map((item) => [item.customerNumber, item]),
    );

    expect(byNumber.get(numberOf(53))).toMatchObject({
      customer: null,
      customerName: null,
      customerMatches: [],
      optOut: { optedOut: true, at: minute(60), keyword: "STOP" },
    });
    expect(byNumber.get(numberOf(52))).toMatchObject({
      optOut: { optedOut: false, at: minute(59), keyword: "START" },
    });
    expect(byNumber.get(numberOf(51))).toMatchObject({
      customer: { name: 'Okonkwo "Ada" 51' },
      customerName: 'Okonkwo "Ada" 51',
      optOut: { optedOut: false, at: null, keyword: null },
    });
    expect(byNumber.get(numberOf(45))).toMatchObject({
      customer: null,
      customerName: null,
      customerMatches: [
        { name: "Bea Okonkwo \\ 45" },
        { name: 'Okonkwo "Ada" 45' },
      ],
    });
  });
});

describe("conversation page schema", () => {
  it("writes the text JSON.stringify writes", async () => {
    // Strings a database may not return as they are: NUL, lone surrogates
    // and long text, which fast-json-stringify escapes on its own paths.
    const awkward = [
      "",
      "\u0000\u001f",
      "a\ud800b",
      "\udc00",
      '"\\'.repeat(30),
      `${"x".repeat(5000)}"`,
      "😀\u2028",
    ];
    const page: ConversationPage = {
      conversations: awkward.map((text, index) => ({
        id: `id ${text}`,
        customerNumber: text,
        customer: index % 2 === 0 ? { id: text, name: text } : null,
        customerMatches:
          index % 3 === 0
            ? [
                { id: "a", name: text },
                { id: "b", name: "" },
              ]
            : [],
        customerName: index % 2 === 0 ? text : null,
        inboxNumber: text,
        lastMessageAt: text,
        lastMessagePreview: text,
        lastMessageFailed: index % 2 === 1,
        unreadCount: index * 1_000_003,
        optOut: {
          optedOut: index % 2 === 1,
          at: index % 4 === 0 ? null : text,
          keyword: index % 4 === 1 ? null : text,
        },
      })),
      nextCursor: null,
    };
    const app = Fastify();
    app.get(
      "/page",
      { schema: { response: { 200: conversationPageSchema } } },
      async (request) => {
        const withCursor = (request.query as { cursor?: string }).cursor;

        return { ...page, nextCursor: withCursor ?? null };
      },
    );
    try {
      for (const cursor of [undefined, 'next"page']) {
        const response = await app.inject({
          method: "GET",
          url: "/page",
          query: cursor === undefined ? {} : { cursor },
        });

        expect(response.body).toBe(
          JSON.stringify({ ...page, nextCursor: cursor ?? null }),
        );
      }
    } finally {
      await app.close();
    }
  });
});
