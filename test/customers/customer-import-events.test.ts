import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/common/api.js";
import type { CustomerImportResult } from "../../src/common/customer-api.js";
import {
  buildInboxTenant,
  connect,
  parseEvent,
  postInbound,
  startListeningApp,
  type InboxTenant,
  type ListeningApp,
} from "../events/events-fixture.js";
import { seedInbound } from "../inbox/inbox-fixture.js";
import { CUSTOMER_NUMBER } from "../webhook/webhook-fixture.js";
import { postCsv } from "./customer-fixture.js";

const COMMIT = "/api/customers/import";
const OTHER_NUMBER = "+14155550188";

let server: ListeningApp;

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  await server.close();
});

async function conversationIdOf(tenant: InboxTenant, customerNumber: string) {
  const row = await server.test.ctx.db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("customer_number", "=", customerNumber)
    .executeTakeFirstOrThrow();

  return row.id;
}

async function importCsv(tenant: InboxTenant, csv: string) {
  const response = await postCsv(server.test, tenant.owner, COMMIT, csv);
  expect(response.statusCode).toBe(200);

  return response.json<CustomerImportResult>();
}

/** Loads the tenant's inbox list as the viewer's web app does. */
async function listConversations(tenant: InboxTenant) {
  const response = await server.test.app.inject({
    method: "GET",
    url: "/api/plugins/sms-chat/conversations",
    headers: tenant.viewer.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json<ConversationPage>().conversations;
}

/** Returns a US number for `index`: +1 415 200 0000 and up. */
function numberAt(index: number): string {
  return `+1415200${String(index).padStart(4, "0")}`;
}

describe("customer import live updates", () => {
  it("updates conversations on imported numbers", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { From: CUSTOMER_NUMBER });
    await postInbound(server, tenant, { From: OTHER_NUMBER });
    const conversationId = await conversationIdOf(tenant, CUSTOMER_NUMBER);
    const stream = await connect(server, tenant.viewer);

    const result = await importCsv(
      tenant,
      [
        "name,phone",
        `Sam Lee,${CUSTOMER_NUMBER}`,
        "Ada Byron,+14155550177",
      ].join("\n"),
    );
    const event = parseEvent(await stream.next(1_000));

    expect(result.created).toBe(2);
    expect(event.type).toBe("conversation.updated");
    expect(event.message).toBeNull();
    expect(event.conversation.id).toBe(conversationId);
    expect(event.conversation.customerName).toBe("Sam Lee");
    expect(event.conversation.customer).toEqual({
      id: expect.any(String),
      name: "Sam Lee",
    });
    // Neither the other conversation nor the number without one changed.
    expect(await stream.collect(300)).toEqual([]);
    const listed = await listConversations(tenant);
    const byNumber = new Map(
      listed.map((conversation) => [conversation.customerNumber, conversation]),
    );
    expect(byNumber.get(CUSTOMER_NUMBER)?.customerName).toBe("Sam Lee");
    expect(byNumber.get(OTHER_NUMBER)?.customerName).toBeNull();
  });

  it("updates a conversation whose number gains two matches", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { From: CUSTOMER_NUMBER });
    const stream = await connect(server, tenant.viewer);

    await importCsv(
      tenant,
      `name,phone\nSam Lee,${CUSTOMER_NUMBER}\nAlex Lee,${CUSTOMER_NUMBER}`,
    );
    const event = parseEvent(await stream.next(1_000));

    expect(event.type).toBe("conversation.updated");
    // Two customers share the number now, so staff must pick one.
    expect(event.conversation.customer).toBeNull();
    expect(
      event.conversation.customerMatches.map((match) => match.name).sort(),
    ).toEqual(["Alex Lee", "Sam Lee"]);
  });

  it("sends nothing for a row whose number is on file", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { From: CUSTOMER_NUMBER });
    await importCsv(tenant, `name,phone\nSam Lee,${CUSTOMER_NUMBER}`);
    const stream = await connect(server, tenant.viewer);

    const result = await importCsv(
      tenant,
      `name,phone\nAlex Lee,${CUSTOMER_NUMBER}`,
    );

    expect(result.created).toBe(0);
    expect(result.counts.phoneOnFile).toBe(1);
    expect(await stream.collect(300)).toEqual([]);
  });

  it("sends nothing when no row is imported", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { From: CUSTOMER_NUMBER });
    await importCsv(tenant, `name,phone\nSam Lee,${CUSTOMER_NUMBER}`);
    const stream = await connect(server, tenant.viewer);

    const result = await importCsv(
      tenant,
      `name,phone\nSam Lee,${CUSTOMER_NUMBER}\n,${OTHER_NUMBER}`,
    );

    expect(result.created).toBe(0);
    expect(await stream.collect(300)).toEqual([]);
  });

  it("sends one event per conversation of a large import", async () => {
    const tenant = await buildInboxTenant(server);
    const count = 1_100;
    // Every fifth number has a conversation. The import's numbers span
    // three IN lists, and most of them match no conversation.
    const conversationNumbers = Array.from({ length: count / 5 }, (_, fifth) =>
      numberAt(fifth * 5),
    );
    for (const from of conversationNumbers) {
      await seedInbound(server.test.ctx, tenant.company, {
        from,
        to: tenant.twilio.defaultNumber,
      });
    }
    const stream = await connect(server, tenant.viewer);
    const rows = Array.from(
      { length: count },
      (_, index) => `Customer ${index},${numberAt(index)}`,
    );

    const result = await importCsv(tenant, ["name,phone", ...rows].join("\n"));
    const names = new Map<string, string | null>();
    for (
      let received = 0;
      received < conversationNumbers.length;
      received += 1
    ) {
      const event = parseEvent(await stream.next(5_000));
      expect(event.type).toBe("conversation.updated");
      names.set(
        event.conversation.customerNumber,
        event.conversation.customerName,
      );
    }

    expect(result.created).toBe(count);
    expect(names.size).toBe(conversationNumbers.length);
    expect(names.get(numberAt(0))).toBe("Customer 0");
    expect(names.get(numberAt(1_095))).toBe("Customer 1095");
    expect(names.has(numberAt(1))).toBe(false);
    expect(await stream.collect(300)).toEqual([]);
  });
});
