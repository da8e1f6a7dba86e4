import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AvailableNumbers,
  InboxInfo,
  InboxNumber,
  InboxSetup,
} from "../../src/common/api.js";
import type { WebhookHealthReport } from "../../src/common/webhook-health-api.js";
import { callAs } from "../admin/admin-fixture.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

const THIRD_NUMBER = "+14155550122";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/** Puts an SMS-capable number with `friendlyName` on the tenant's account. */
function addNamedTwilioNumber(
  tenant: Tenant,
  phoneNumber: string,
  friendlyName?: string,
) {
  return server.sandbox.state.addNumber(tenant.account.sid, {
    phoneNumber,
    ...(friendlyName === undefined ? {} : { friendlyName }),
    capabilities: { sms: true, mms: true },
  });
}

async function setupNumbers(tenant: Tenant): Promise<InboxNumber[]> {
  const response = await callApi(server, tenant.owner, "GET", "/setup");
  expect(response.statusCode).toBe(200);

  return response.json<InboxSetup>().numbers;
}

async function storedName(numberId: string): Promise<string | null> {
  const row = await server.ctx.db
    .selectFrom("inbox_numbers")
    .select("name")
    .where("id", "=", numberId)
    .executeTakeFirstOrThrow();

  return row.name;
}

function rename(tenant: Tenant, numberId: string, name: unknown) {
  return callApi(server, tenant.owner, "PATCH", `/numbers/${numberId}`, {
    body: { name },
  });
}

describe("number names on add", () => {
  it("takes the friendly name from the picker", async () => {
    const tenant = await buildTenant(server);
    addNamedTwilioNumber(tenant, SECOND_NUMBER, "Shop line");

    const available = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const picked = available.json<AvailableNumbers>().numbers[0];
    expect(picked?.friendlyName).toBe("Shop line");

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: picked?.phoneNumber },
    });
    const added = response.json<InboxNumber>();

    expect(response.statusCode).toBe(201);
    expect(added).toMatchObject({
      phoneNumber: SECOND_NUMBER,
      name: "Shop line",
      isDefault: false,
    });
    expect(await storedName(added.id)).toBe("Shop line");
    expect(await setupNumbers(tenant)).toEqual([
      {
        id: "default",
        phoneNumber: DEFAULT_NUMBER,
        name: null,
        isDefault: true,
      },
      {
        id: added.id,
        phoneNumber: SECOND_NUMBER,
        name: "Shop line",
        isDefault: false,
      },
    ]);

    const inbox = await callApi(server, tenant.owner, "GET", "/inbox");
    expect(inbox.json<InboxInfo>().numbers[1]?.name).toBe("Shop line");
  });

  it("takes the friendly name of a typed number", async () => {
    const tenant = await buildTenant(server);
    addNamedTwilioNumber(tenant, SECOND_NUMBER, "Repairs");

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: "(415) 555-0111" },
    });
    const added = response.json<InboxNumber>();

    expect(response.statusCode).toBe(201);
    expect(added.name).toBe("Repairs");
    expect(await storedName(added.id)).toBe("Repairs");
  });

  it("stores no name for Twilio's default name", async () => {
    const tenant = await buildTenant(server);
    // Without a friendly name the sandbox reports "(415) 555-0111", as
    // Twilio does for a number that has no name.
    const onTwilio = addNamedTwilioNumber(tenant, SECOND_NUMBER);
    expect(onTwilio.friendlyName).toBe("(415) 555-0111");

    const response = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: SECOND_NUMBER },
    });
    const added = response.json<InboxNumber>();

    expect(response.statusCode).toBe(201);
    expect(added.name).toBeNull();
    expect(await storedName(added.id)).toBeNull();
  });
});

describe("number rename", () => {
  it("renames an added number", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await rename(tenant, numberId, "  Front   desk ");

    expect(response.statusCode).toBe(200);
    expect(response.json<InboxNumber>()).toEqual({
      id: numberId,
      phoneNumber: SECOND_NUMBER,
      name: "Front desk",
      isDefault: false,
    });
    expect(await storedName(numberId)).toBe("Front desk");
    expect((await setupNumbers(tenant))[1]?.name).toBe("Front desk");
  });

  it("leaves the name on Twilio", async () => {
    const tenant = await buildTenant(server);
    const onTwilio = addNamedTwilioNumber(tenant, SECOND_NUMBER, "Repairs");
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await rename(tenant, numberId, "Warranty line");

    expect(response.statusCode).toBe(200);
    expect(onTwilio.friendlyName).toBe("Repairs");
  });

  it("renames the default number", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);

    const response = await rename(tenant, "default", "Main line");

    expect(response.statusCode).toBe(200);
    expect(response.json<InboxNumber>()).toEqual({
      id: "default",
      phoneNumber: DEFAULT_NUMBER,
      name: "Main line",
      isDefault: true,
    });
    expect((await setupNumbers(tenant))[0]?.name).toBe("Main line");
    // The other company has the same default number on its own account.
    expect((await setupNumbers(other))[0]?.name).toBeNull();
  });

  it("rejects a name that is too long", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await rename(tenant, numberId, "Repairs");

    const response = await rename(tenant, numberId, "x".repeat(65));
    const body = response.json<{ error: { message: string; field: string } }>();

    expect(response.statusCode).toBe(400);
    expect(body.error.field).toBe("name");
    expect(body.error.message).toBe(
      "A number's name has at most 64 characters; this one has 65.",
    );
    expect(await storedName(numberId)).toBe("Repairs");
  });

  it("accepts 64 characters", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await rename(tenant, numberId, "x".repeat(64));

    expect(response.statusCode).toBe(200);
    expect(await storedName(numberId)).toBe("x".repeat(64));
  });

  it("rejects control characters", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await rename(tenant, numberId, "Shop\u0007line");

    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { field: string } }>().error.field).toBe(
      "name",
    );
    expect(await storedName(numberId)).toBeNull();
  });

  it("rejects a name that is not text", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await rename(tenant, numberId, 42);

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
  });

  it("clears the name when blank", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await rename(tenant, numberId, "Repairs");

    const blank = await rename(tenant, numberId, "   ");

    expect(blank.statusCode).toBe(200);
    expect(blank.json<InboxNumber>().name).toBeNull();
    expect(await storedName(numberId)).toBeNull();

    await rename(tenant, numberId, "Repairs");
    const cleared = await rename(tenant, numberId, null);

    expect(cleared.statusCode).toBe(200);
    expect(await storedName(numberId)).toBeNull();
  });

  it("returns 404 for another company's number", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    const othersNumber = await seedInboxNumber(server, other, THIRD_NUMBER);
    await callApi(server, other.owner, "PATCH", `/numbers/${othersNumber}`, {
      body: { name: "Theirs" },
    });

    const response = await rename(tenant, othersNumber, "Mine");

    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe("not_found");
    expect(await storedName(othersNumber)).toBe("Theirs");
  });

  it("returns 404 for an unknown number", async () => {
    const tenant = await buildTenant(server);

    const response = await rename(tenant, "no-such-number", "Mine");

    expect(response.statusCode).toBe(404);
  });

  it("requires the manage permission", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await callApi(
      server,
      tenant.viewer,
      "PATCH",
      `/numbers/${numberId}`,
      { body: { name: "Mine" } },
    );

    expect(response.statusCode).toBe(403);
    expect(await storedName(numberId)).toBeNull();
  });

  it("shows the name in webhook health", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await rename(tenant, numberId, "Repairs");

    const response = await callApi(
      server,
      tenant.owner,
      "GET",
      "/setup/webhook-health",
    );
    const numbers = response.json<WebhookHealthReport>().numbers;

    expect(response.statusCode).toBe(200);
    expect(numbers.map((number) => [number.numberId, number.name])).toEqual([
      ["default", null],
      [numberId, "Repairs"],
    ]);
  });

  it("records the rename in the audit log", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    await rename(tenant, numberId, "Repairs");

    const rows = await server.ctx.db
      .selectFrom("audit_events")
      .select(["target_id", "details"])
      .where("company_id", "=", tenant.company.id)
      .where("action", "=", "sms_inbox.number_renamed")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.target_id).toBe(numberId);
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({
      name: { old: null, new: "Repairs" },
    });
  });
});

describe("default number name", () => {
  function saveConnection(tenant: Tenant, defaultNumber: string) {
    return callAs(server.test, tenant.owner, "PUT", "/api/company/twilio", {
      accountSid: tenant.account.sid,
      defaultNumber,
    });
  }

  it("takes the friendly name when saved", async () => {
    const tenant = await buildTenant(server);
    addNamedTwilioNumber(tenant, SECOND_NUMBER, "Shop line");

    const response = await saveConnection(tenant, SECOND_NUMBER);

    expect(response.statusCode).toBe(200);
    expect((await setupNumbers(tenant))[0]).toEqual({
      id: "default",
      phoneNumber: SECOND_NUMBER,
      name: "Shop line",
      isDefault: true,
    });
  });

  it("keeps a renamed default number's name", async () => {
    const tenant = await buildTenant(server);
    const onTwilio = server.sandbox.state
      .numbersOf(tenant.account.sid)
      .find((number) => number.phoneNumber === DEFAULT_NUMBER);
    if (!onTwilio) throw new Error("the default number is not on Twilio");
    onTwilio.friendlyName = "Twilio name";
    await rename(tenant, "default", "Main line");

    const response = await saveConnection(tenant, DEFAULT_NUMBER);

    expect(response.statusCode).toBe(200);
    expect((await setupNumbers(tenant))[0]?.name).toBe("Main line");
  });

  it("fills a missing name when saved again", async () => {
    const tenant = await buildTenant(server);
    const onTwilio = server.sandbox.state
      .numbersOf(tenant.account.sid)
      .find((number) => number.phoneNumber === DEFAULT_NUMBER);
    if (!onTwilio) throw new Error("the default number is not on Twilio");
    onTwilio.friendlyName = "Front desk";
    expect((await setupNumbers(tenant))[0]?.name).toBeNull();

    const response = await saveConnection(tenant, DEFAULT_NUMBER);

    expect(response.statusCode).toBe(200);
    expect((await setupNumbers(tenant))[0]?.name).toBe("Front desk");
  });

  it("moves names when the default number changes", async () => {
    const tenant = await buildTenant(server);
    addNamedTwilioNumber(tenant, SECOND_NUMBER, "Twilio name");
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    await rename(tenant, numberId, "Repairs");
    await rename(tenant, "default", "Front desk");

    const response = await saveConnection(tenant, SECOND_NUMBER);

    expect(response.statusCode).toBe(200);
    const numbers = await setupNumbers(tenant);
    expect(numbers[0]).toMatchObject({
      phoneNumber: SECOND_NUMBER,
      name: "Repairs",
      isDefault: true,
    });
    expect(numbers[1]).toMatchObject({
      phoneNumber: DEFAULT_NUMBER,
      name: "Front desk",
      isDefault: false,
    });
  });
});
