import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AvailableNumbers, InboxNumber } from "../../src/common/api.js";
import { connectTwilio } from "../support/factories.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  countNumberListPages,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

function errorMessage(response: { json<T>(): T }): string {
  return response.json<{ error: { message: string } }>().error.message;
}

async function storedNumbers(tenant: Tenant) {
  return server.ctx.db
    .selectFrom("inbox_numbers")
    .selectAll()
    .where("company_id", "=", tenant.company.id)
    .execute();
}

describe("available numbers", () => {
  it("lists SMS numbers across pages", async () => {
    const tenant = await buildTenant(server);
    // With the default number these are 55 numbers: two pages of 50.
    const expected = [];
    for (let index = 0; index < 52; index += 1) {
      const phoneNumber = `+1415555${2000 + index}`;
      expected.push(addTwilioNumber(server, tenant.account, phoneNumber));
    }
    addTwilioNumber(server, tenant.account, "+14155550112", { sms: false });
    await seedInboxNumber(server, tenant, "+14155550113");
    const pagesBefore = countNumberListPages(server);

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const body = response.json<AvailableNumbers>();

    expect(response.statusCode).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.numbers).toEqual(
      expected.map((number) => ({
        sid: number.sid,
        phoneNumber: number.phoneNumber,
        friendlyName: number.friendlyName,
      })),
    );
    expect(countNumberListPages(server) - pagesBefore).toBe(2);
    // The 52 listed numbers plus the two in the inbox. The number without
    // SMS is not counted.
    expect(body.smsCapableCount).toBe(54);
  });

  it("lists none when all are added", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, "+14155550112", { sms: false });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const body = response.json<AvailableNumbers>();

    expect(response.statusCode).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.numbers).toEqual([]);
    expect(body.smsCapableCount).toBe(1);
    expect(body.message).toBeUndefined();
  });

  it("counts no SMS-capable numbers", async () => {
    const tenant = await buildTenant(server);
    for (const number of server.sandbox.state.numbersOf(tenant.account.sid)) {
      number.capabilities.sms = false;
    }

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const body = response.json<AvailableNumbers>();

    expect(body.ok).toBe(true);
    expect(body.numbers).toEqual([]);
    expect(body.smsCapableCount).toBe(0);
  });

  it("reports a Twilio failure", async () => {
    const tenant = await buildTenant(server);
    await connectTwilio(server.ctx, tenant.company, {
      ...tenant.connection,
      authToken: "rotated-auth-token",
    });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const body = response.json<AvailableNumbers>();

    expect(response.statusCode).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.numbers).toEqual([]);
    expect(body.message).toContain("Account SID or auth token");
    // A typed number is looked up with the same credentials, so the
    // message does not suggest typing one.
    expect(body.message).not.toContain("Type the number");
    expect(body.smsCapableCount).toBeUndefined();
  });

  it("reports Twilio not connected", async () => {
    const tenant = await buildTenant(server, { connect: false });

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const body = response.json<AvailableNumbers>();

    expect(body.ok).toBe(false);
    expect(body.message).toContain("Twilio is not connected");
  });
});

describe("add number", () => {
  it("stores a number from the account", async () => {
    const tenant = await buildTenant(server);
    const onTwilio = addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: "(415) 555-0111" },
    });
    const number = response.json<InboxNumber>();

    expect(response.statusCode).toBe(201);
    expect(number).toMatchObject({
      phoneNumber: SECOND_NUMBER,
      isDefault: false,
    });
    expect(await storedNumbers(tenant)).toMatchObject([
      {
        id: number.id,
        phone_number: SECOND_NUMBER,
        account_sid: tenant.account.sid,
        twilio_sid: onTwilio.sid,
      },
    ]);
  });

  it("rejects a number from another account", async () => {
    const tenant = await buildTenant(server);
    const otherAccount = server.sandbox.state.createAccount();
    addTwilioNumber(server, otherAccount, SECOND_NUMBER);

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: SECOND_NUMBER },
    });

    expect(response.statusCode).toBe(400);
    expect(errorMessage(response)).toBe(
      `${SECOND_NUMBER} is not a number on the connected Twilio account (${tenant.account.sid}). Add a number from that account, or buy one in the Twilio Console.`,
    );
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("rejects a number without SMS", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER, { sms: false });

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: SECOND_NUMBER },
    });

    expect(response.statusCode).toBe(400);
    expect(errorMessage(response)).toContain("cannot send or receive SMS");
  });

  it("rejects the default and duplicates", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const asDefault = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: DEFAULT_NUMBER },
    });
    const duplicate = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: SECOND_NUMBER },
    });

    expect(asDefault.statusCode).toBe(409);
    expect(errorMessage(asDefault)).toContain("default number");
    expect(duplicate.statusCode).toBe(409);
    expect(errorMessage(duplicate)).toContain("already in the inbox");
  });

  it("rejects a number another company uses", async () => {
    const tenant = await buildTenant(server);
    const neighbour = await buildTenant(server);
    // The neighbour's inbox has the number on the tenant's Twilio account.
    await seedInboxNumber(
      server,
      { ...neighbour, account: tenant.account },
      SECOND_NUMBER,
    );

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: SECOND_NUMBER },
    });

    expect(response.statusCode).toBe(409);
    expect(errorMessage(response)).toContain("another company");
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("rejects an invalid number", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: "12" },
    });

    expect(response.statusCode).toBe(400);
    expect(errorMessage(response)).toContain("not a valid phone number");
  });

  it("returns 502 when Twilio is unreachable", async () => {
    const closed = await startInboxServer();
    const tenant = await buildTenant(closed);
    await closed.sandbox.close();

    try {
      const response = await callApi(closed, tenant.owner, "POST", "/numbers", {
        body: { phoneNumber: SECOND_NUMBER },
      });

      expect(response.statusCode).toBe(502);
      expect(errorMessage(response)).toContain(
        "could not be checked on Twilio",
      );
    } finally {
      await closed.test.close();
    }
  });
});

describe("remove number", () => {
  it("deletes an added number", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await callApi(
      server,
      tenant.owner,
      "DELETE",
      `/numbers/${numberId}`,
    );

    expect(response.statusCode).toBe(204);
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("keeps the default number", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "DELETE",
      "/numbers/default",
    );

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
  });

  it("returns 404 for unknown ids", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "DELETE",
      "/numbers/00000000-0000-4000-8000-000000000000",
    );

    expect(response.statusCode).toBe(404);
  });
});
