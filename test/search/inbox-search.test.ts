import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  errorCode,
  seedCustomer,
  seedInbound,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

const START = Date.now() - 24 * 60 * 60 * 1000;

function minute(minutes: number): string {
  return new Date(START + minutes * 60 * 1000).toISOString();
}

async function search(tenant: Tenant, query: string) {
  return callApi(
    server,
    tenant.owner,
    "GET",
    `/conversations?q=${encodeURIComponent(query)}`,
  );
}

/** Returns the customer numbers of the conversations that match `query`. */
async function matchedNumbers(tenant: Tenant, query: string) {
  const response = await search(tenant, query);
  expect(response.statusCode, response.body).toBe(200);

  return response
    .json<ConversationPage>()
    .conversations.map((conversation) => conversation.customerNumber);
}

describe("search by number", () => {
  it("matches digits in any format", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155557788",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155550000",
      at: minute(2),
    });

    for (const query of [
      "(415) 555-7788",
      "415.555.7788",
      "+1 415 555 7788",
      "5557788",
      "7788",
    ]) {
      expect(await matchedNumbers(tenant, query), query).toEqual([
        "+14155557788",
      ]);
    }
    expect(await matchedNumbers(tenant, "415 555")).toEqual([
      "+14155550000",
      "+14155557788",
    ]);
  });

  it("reads a national number in the company's country", async () => {
    const tenant = await buildTenant(server);
    await server.ctx.db
      .updateTable("companies")
      .set({ country: "GB" })
      .where("id", "=", tenant.company.id)
      .execute();
    await seedInbound(server.ctx, tenant.company, {
      from: "+442079460958",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+442079460000",
      at: minute(2),
    });

    for (const query of [
      "020 7946 0958",
      "02079460958",
      "+44 20 7946 0958",
      "7946 0958",
    ]) {
      expect(await matchedNumbers(tenant, query), query).toEqual([
        "+442079460958",
      ]);
    }
  });

  it("reads a partial national number with its trunk 0", async () => {
    const tenant = await buildTenant(server);
    await server.ctx.db
      .updateTable("companies")
      .set({ country: "GB" })
      .where("id", "=", tenant.company.id)
      .execute();
    await seedInbound(server.ctx, tenant.company, {
      from: "+442079460958",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+441614960000",
      at: minute(2),
    });

    for (const query of ["020 7946", "+44 (0)20 7946", "0044 20 7946"]) {
      expect(await matchedNumbers(tenant, query), query).toEqual([
        "+442079460958",
      ]);
    }
    expect(await matchedNumbers(tenant, "0958")).toEqual(["+442079460958"]);
  });

  it("finds nothing for unknown digits", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, { from: "+14155557788" });

    expect(await matchedNumbers(tenant, "999-123")).toEqual([]);
  });
});

describe("search by number after changes", () => {
  it("finds a number once when its digits repeat", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, { from: "+16286286280" });

    expect(await matchedNumbers(tenant, "628")).toEqual(["+16286286280"]);
    expect(await matchedNumbers(tenant, "862")).toEqual(["+16286286280"]);
  });

  it("matches digits that end the number", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, { from: "+14155557789" });
    await seedInbound(server.ctx, tenant.company, { from: "+14155557790" });

    expect(await matchedNumbers(tenant, "789")).toEqual(["+14155557789"]);
    expect(await matchedNumbers(tenant, "7789")).toEqual(["+14155557789"]);
    expect(await matchedNumbers(tenant, "77899")).toEqual([]);
  });

  it("forgets a deleted conversation", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155558101",
    });
    await server.ctx.db
      .deleteFrom("conversations")
      .where("id", "=", conversationId)
      .execute();

    expect(await matchedNumbers(tenant, "8101")).toEqual([]);

    await seedInbound(server.ctx, tenant.company, { from: "+14155558101" });

    expect(await matchedNumbers(tenant, "8101")).toEqual(["+14155558101"]);
  });

  it("follows a changed customer number", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155558201",
    });
    await server.ctx.db
      .updateTable("conversations")
      .set({ customer_number: "+14155558299" })
      .where("id", "=", conversationId)
      .execute();

    expect(await matchedNumbers(tenant, "8201")).toEqual([]);
    expect(await matchedNumbers(tenant, "8299")).toEqual(["+14155558299"]);
  });

  it("keeps the same number apart between companies", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, { from: "+14155558301" });
    await seedInbound(server.ctx, other.company, { from: "+14155558301" });
    const [otherConversation] = await server.ctx.db
      .selectFrom("conversations")
      .select("id")
      .where("company_id", "=", other.company.id)
      .execute();
    await server.ctx.db
      .deleteFrom("conversations")
      .where("id", "=", otherConversation?.id ?? "")
      .execute();

    expect(await matchedNumbers(tenant, "8301")).toEqual(["+14155558301"]);
    expect(await matchedNumbers(other, "8301")).toEqual([]);
  });
});

describe("search by customer name", () => {
  it("matches part of the name", async () => {
    const tenant = await buildTenant(server);
    await seedCustomer(server.ctx, tenant.company, {
      name: "Dana Whitfield",
      phone: "(415) 555-3001",
      phoneE164: "+14155553001",
    });
    await seedInbound(server.ctx, tenant.company, { from: "+14155553001" });
    await seedInbound(server.ctx, tenant.company, { from: "+14155553002" });

    expect(await matchedNumbers(tenant, "whitf")).toEqual(["+14155553001"]);
    expect(await matchedNumbers(tenant, "DANA W")).toEqual(["+14155553001"]);
  });

  it("uses the chosen customer over the number", async () => {
    const tenant = await buildTenant(server);
    await seedCustomer(server.ctx, tenant.company, {
      name: "Imogen Chosen",
      phone: "+14155559001",
      phoneE164: "+14155559001",
    });
    await seedCustomer(server.ctx, tenant.company, {
      name: "Ulric Numbered",
      phone: "+14155559002",
      phoneE164: "+14155559002",
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155559002",
    });
    await linkCustomer(tenant, conversationId, "Imogen Chosen");

    expect(await matchedNumbers(tenant, "imogen")).toEqual(["+14155559002"]);
    expect(await matchedNumbers(tenant, "ulric")).toEqual([]);
  });

  it("follows renamed and deleted customers", async () => {
    const tenant = await buildTenant(server);
    await seedCustomer(server.ctx, tenant.company, {
      name: "Petra Linked",
      phone: "+14155559101",
      phoneE164: "+14155559101",
    });
    await seedCustomer(server.ctx, tenant.company, {
      name: "Oskar Nearby",
      phone: "+14155559102",
      phoneE164: "+14155559102",
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155559101",
    });
    await seedInbound(server.ctx, tenant.company, { from: "+14155559102" });
    await linkCustomer(tenant, conversationId, "Petra Linked");
    await server.ctx.db
      .updateTable("customers")
      .set({ name: "Petra Renamed" })
      .where("company_id", "=", tenant.company.id)
      .where("name", "=", "Petra Linked")
      .execute();

    expect(await matchedNumbers(tenant, "linked")).toEqual([]);
    expect(await matchedNumbers(tenant, "renamed")).toEqual(["+14155559101"]);

    await server.ctx.db
      .deleteFrom("customers")
      .where("company_id", "=", tenant.company.id)
      .execute();

    expect(await matchedNumbers(tenant, "renamed")).toEqual([]);
    expect(await matchedNumbers(tenant, "oskar")).toEqual([]);
  });

  it("pages through many customers with one name", async () => {
    const tenant = await buildTenant(server);
    for (let index = 0; index < 53; index += 1) {
      const number = `+1415557${String(index).padStart(4, "0")}`;
      await seedCustomer(server.ctx, tenant.company, {
        name: `Grace Hopperton ${index}`,
        phone: number,
        phoneE164: number,
      });
      await seedInbound(server.ctx, tenant.company, {
        from: number,
        at: minute(index),
      });
    }

    const first = (await search(tenant, "hopperton")).json<ConversationPage>();
    const second = (
      await callApi(
        server,
        tenant.owner,
        "GET",
        `/conversations?q=hopperton&cursor=${first.nextCursor ?? ""}`,
      )
    ).json<ConversationPage>();

    expect(first.conversations).toHaveLength(50);
    expect(first.conversations[0]?.customerNumber).toBe("+14155570052");
    expect(first.conversations[0]?.customerName).toBe("Grace Hopperton 52");
    expect(second.conversations.map((c) => c.customerNumber)).toEqual([
      "+14155570002",
      "+14155570001",
      "+14155570000",
    ]);
    expect(second.nextCursor).toBeNull();
  });
});

/** Links the conversation to the company's customer named `name`. */
async function linkCustomer(
  tenant: Tenant,
  conversationId: string,
  name: string,
): Promise<void> {
  const customer = await server.ctx.db
    .selectFrom("customers")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  await server.ctx.db
    .updateTable("conversations")
    .set({ customer_id: customer.id })
    .where("id", "=", conversationId)
    .execute();
}

describe("search by message text", () => {
  it("matches any message of the thread", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155554001",
      body: "Is the blue sofa still available?",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155554001",
      body: "Thanks",
      at: minute(2),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155554002",
      body: "Where is my order?",
      at: minute(3),
    });

    expect(await matchedNumbers(tenant, "Blue Sofa")).toEqual(["+14155554001"]);
    expect(await matchedNumbers(tenant, "order?")).toEqual(["+14155554002"]);
  });

  it("orders matches by newest activity", async () => {
    const tenant = await buildTenant(server);
    for (const [index, at] of [3, 1, 2].entries()) {
      await seedInbound(server.ctx, tenant.company, {
        from: `+1415555500${index}`,
        body: "parcel delivered",
        at: minute(at),
      });
    }

    expect(await matchedNumbers(tenant, "parcel")).toEqual([
      "+14155555000",
      "+14155555002",
      "+14155555001",
    ]);
  });

  it("treats special characters literally", async () => {
    const tenant = await buildTenant(server);
    const bodies = [
      "Save 100% today",
      "Save 1000 today",
      "file_name.txt",
      "filename.txt",
      'She said "yes" twice',
      "It's Bob's phone",
      "back\\slash here",
    ];
    for (const [index, body] of bodies.entries()) {
      await seedInbound(server.ctx, tenant.company, {
        from: `+1415555600${index}`,
        body,
        at: minute(index),
      });
    }

    expect(await matchedNumbers(tenant, "100%")).toEqual(["+14155556000"]);
    expect(await matchedNumbers(tenant, "e_n")).toEqual(["+14155556002"]);
    expect(await matchedNumbers(tenant, '"yes"')).toEqual(["+14155556004"]);
    expect(await matchedNumbers(tenant, "Bob's")).toEqual(["+14155556005"]);
    expect(await matchedNumbers(tenant, "k\\s")).toEqual(["+14155556006"]);
    expect(await matchedNumbers(tenant, "%%%")).toEqual([]);
    expect(await matchedNumbers(tenant, "___")).toEqual([]);
  });
});

describe("search scope", () => {
  it("never returns another company's conversations", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    await seedCustomer(server.ctx, other.company, {
      name: "Quentin Marlowe",
      phone: "+14155557001",
      phoneE164: "+14155557001",
    });
    await seedInbound(server.ctx, other.company, {
      from: "+14155557001",
      body: "zebra crossing",
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155557002",
      body: "nothing here",
    });

    expect(await matchedNumbers(tenant, "zebra")).toEqual([]);
    expect(await matchedNumbers(tenant, "Quentin")).toEqual([]);
    expect(await matchedNumbers(tenant, "7001")).toEqual([]);
    expect(await matchedNumbers(other, "zebra")).toEqual(["+14155557001"]);
  });

  it("requires inbox access", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155557101",
      body: "secret plans",
    });

    const outsider = await callApi(
      server,
      tenant.outsider,
      "GET",
      "/conversations?q=secret",
    );
    const signedOut = await callApi(
      server,
      null,
      "GET",
      "/conversations?q=secret",
    );

    expect(outsider.statusCode).toBe(403);
    expect(signedOut.statusCode).toBe(401);
  });
});

describe("search input", () => {
  it("rejects text shorter than three characters", async () => {
    const tenant = await buildTenant(server);

    for (const query of ["", "ab", "  a  "]) {
      const response = await search(tenant, query);
      expect(response.statusCode, query).toBe(400);
      expect(errorCode(response)).toBe("search_too_short");
    }
  });

  it("rejects text longer than 100 characters", async () => {
    const tenant = await buildTenant(server);
    const response = await search(tenant, "x".repeat(101));

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
  });

  it("pages with the cursor", async () => {
    const tenant = await buildTenant(server);
    for (let index = 0; index < 55; index += 1) {
      await seedInbound(server.ctx, tenant.company, {
        from: `+1415556${String(index).padStart(4, "0")}`,
        body: "weekly newsletter",
        at: minute(index),
      });
    }

    const first = await search(tenant, "newsletter");
    const firstPage = first.json<ConversationPage>();
    expect(firstPage.conversations).toHaveLength(50);
    expect(firstPage.nextCursor).not.toBeNull();

    const second = await callApi(
      server,
      tenant.owner,
      "GET",
      `/conversations?q=newsletter&cursor=${firstPage.nextCursor ?? ""}`,
    );
    const secondPage = second.json<ConversationPage>();
    expect(secondPage.conversations.map((c) => c.customerNumber)).toEqual([
      "+14155560004",
      "+14155560003",
      "+14155560002",
      "+14155560001",
      "+14155560000",
    ]);
    expect(secondPage.nextCursor).toBeNull();
  });

  it("keeps unread counts in results", async () => {
    const tenant = await buildTenant(server);
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155557201",
      body: "first ping",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155557201",
      body: "second ping",
      at: minute(2),
    });

    const response = await search(tenant, "ping");
    const [match] = response.json<ConversationPage>().conversations;

    expect(match?.unreadCount).toBe(2);
  });
});
