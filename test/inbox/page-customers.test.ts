import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, ConversationPage } from "../../src/common/api.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import {
  buildTenant,
  callApi,
  seedInbound,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

let server: InboxServer;
let tenant: Tenant;

/** Conversations seeded, one more than a page of 50 plus four. */
const CONVERSATIONS = 55;
const START = Date.parse("2026-03-01T09:00:00.000Z");

function numberOf(index: number): string {
  return `+1415555${String(1000 + index)}`;
}

/** Returns whether the number belongs to two customers (every fifth). */
function isShared(index: number): boolean {
  return index % 5 === 0;
}

beforeAll(async () => {
  server = await startInboxServer();
  tenant = await buildTenant(server);
  for (let index = 0; index < CONVERSATIONS; index += 1) {
    const phone = numberOf(index);
    await createCustomer(server.ctx, tenant.company.id, {
      name: `Patel ${index}`,
      phone,
    });
    if (isShared(index)) {
      await createCustomer(server.ctx, tenant.company.id, {
        name: `Adams Patel ${index}`,
        phone,
        confirmSharedPhone: true,
      });
    }
    await seedInbound(server.ctx, tenant.company, {
      from: phone,
      at: new Date(START + index * 60_000).toISOString(),
    });
  }
});

afterAll(async () => {
  await server.close();
});

/** Follows the cursor from `path` to the end and returns every page. */
async function readAllPages(path: string): Promise<ConversationPage[]> {
  const pages: ConversationPage[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const url: string =
      cursor === null ? path : `${path}${separator}cursor=${cursor}`;
    const response = await callApi(server, tenant.owner, "GET", url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<ConversationPage>();
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null);

  return pages;
}

function expectCustomers(conversation: Conversation): void {
  const index = Number(conversation.customerNumber.slice(-4)) - 1000;
  if (!isShared(index)) {
    expect(conversation.customer?.name).toBe(`Patel ${index}`);
    expect(conversation.customerMatches).toEqual([]);

    return;
  }

  expect(conversation.customer).toBeNull();
  expect(conversation.customerMatches.map((match) => match.name)).toEqual([
    `Adams Patel ${index}`,
    `Patel ${index}`,
  ]);
}

describe.each([
  ["inbox list", "/conversations"],
  ["name search", "/conversations?q=patel"],
])("%s with shared numbers", (_name, path) => {
  it("counts conversations, not customers", async () => {
    const pages = await readAllPages(path);

    expect(pages.map((page) => page.conversations.length)).toEqual([50, 5]);
  });

  it("lists each conversation once, newest first", async () => {
    const pages = await readAllPages(path);
    const numbers = pages.flatMap((page) =>
      page.conversations.map((item) => item.customerNumber),
    );
    const expected = Array.from({ length: CONVERSATIONS }, (_, index) =>
      numberOf(CONVERSATIONS - 1 - index),
    );

    expect(numbers).toEqual(expected);
  });

  it("resolves every conversation's customers", async () => {
    const pages = await readAllPages(path);

    for (const page of pages) page.conversations.forEach(expectCustomers);
  });
});
