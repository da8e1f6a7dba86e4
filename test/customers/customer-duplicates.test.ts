import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { ApiErrorBody, Customer } from "../../src/common/api.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { callAs, errorOf } from "./customer-fixture.js";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx, { country: "US" });
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

async function countCustomers(companyId = company.id): Promise<number> {
  const rows = await t.ctx.db
    .selectFrom("customers")
    .select("id")
    .where("company_id", "=", companyId)
    .execute();

  return rows.length;
}

type Body = { name: string; phone: string; confirmSharedPhone?: unknown };

function post(body: Body) {
  return callAs(t, owner, "POST", "/api/customers", body);
}

function put(customerId: string, body: Body) {
  return callAs(t, owner, "PUT", `/api/customers/${customerId}`, body);
}

/** Returns the customers a 409 "phone_on_file" lists. */
function sharedWith(response: LightMyRequestResponse): Customer[] {
  const body = response.json<ApiErrorBody>();

  return body.error.customers ?? [];
}

async function storedPhone(customerId: string): Promise<string | null> {
  const row = await t.ctx.db
    .selectFrom("customers")
    .select("phone_e164")
    .where("id", "=", customerId)
    .executeTakeFirstOrThrow();

  return row.phone_e164;
}

describe("creating a duplicate customer", () => {
  test("same name and number returns 409", async () => {
    const first = await post({ name: "Grace Hopper", phone: "415 555 0101" });
    const second = await post({
      name: "Grace Hopper",
      phone: "415 555 0101",
    });

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("conflict");
    expect(errorOf(second).message).toContain("Grace Hopper");
    expect(errorOf(second).message).toContain("+14155550101");
    expect(await countCustomers()).toBe(1);
  });

  test("ignores case, spacing and number format", async () => {
    await post({ name: "Grace Hopper", phone: "415 555 0101" });

    const second = await post({
      name: "  grace   HOPPER ",
      phone: "+1 (415) 555-0101",
    });

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).message).toContain("Grace Hopper");
    expect(await countCustomers()).toBe(1);
  });

  test("shared number returns 409 naming customer", async () => {
    const carla = await post({
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });

    const second = await post({ name: "Carlos Gomez", phone: "415.555.0177" });

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("phone_on_file");
    expect(errorOf(second).message).toContain(
      "Carla Gomez already has +1 415 555 0177.",
    );
    expect(sharedWith(second)).toEqual([carla.json<Customer>()]);
    expect(await countCustomers()).toBe(1);
  });

  test("shared number names every customer", async () => {
    await post({ name: "Carla Gomez", phone: "415 555 0177" });
    await post({
      name: "Luis Gomez",
      phone: "415 555 0177",
      confirmSharedPhone: true,
    });

    const third = await post({ name: "Carlos Gomez", phone: "4155550177" });

    expect(third.statusCode).toBe(409);
    expect(errorOf(third).message).toContain(
      "Carla Gomez and Luis Gomez already have +1 415 555 0177.",
    );
    expect(sharedWith(third).map((customer) => customer.name)).toEqual([
      "Carla Gomez",
      "Luis Gomez",
    ]);
  });

  test("confirmed shared number is created", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({
      name: "Alex Lee",
      phone: "415 555 0150",
      confirmSharedPhone: true,
    });

    expect(second.statusCode).toBe(201);
    expect(second.json<Customer>().phoneE164).toBe("+14155550150");
    expect(await countCustomers()).toBe(2);
  });

  test("false confirmation still returns 409", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({
      name: "Alex Lee",
      phone: "415 555 0150",
      confirmSharedPhone: false,
    });

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("phone_on_file");
  });

  test("non-boolean confirmation returns 400", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({
      name: "Alex Lee",
      phone: "415 555 0150",
      confirmSharedPhone: "yes",
    });

    expect(second.statusCode).toBe(400);
    expect(await countCustomers()).toBe(1);
  });

  test("confirmation does not allow same name", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({
      name: "sam lee",
      phone: "415 555 0150",
      confirmSharedPhone: true,
    });

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("conflict");
    expect(await countCustomers()).toBe(1);
  });

  test("same name with another number is allowed", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({ name: "Sam Lee", phone: "415 555 0151" });

    expect(second.statusCode).toBe(201);
  });

  test("another company's customer does not count", async () => {
    const other = await buildCompany(t.ctx, { country: "US" });
    await createCustomer(t.ctx, other.id, {
      name: "Grace Hopper",
      phone: "415 555 0101",
    });

    const response = await post({ name: "Grace Hopper", phone: "4155550101" });

    expect(response.statusCode).toBe(201);
  });

  test("another company's number is not revealed", async () => {
    const other = await buildCompany(t.ctx, { country: "US" });
    await createCustomer(t.ctx, other.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });
    await post({ name: "Luis Gomez", phone: "415 555 0177" });

    const response = await post({ name: "Carlos Gomez", phone: "4155550177" });

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).message).toContain("Luis Gomez already has");
    expect(response.body).not.toContain("Carla");
    expect(sharedWith(response)).toHaveLength(1);
  });

  test("another company's number alone is allowed", async () => {
    const other = await buildCompany(t.ctx, { country: "US" });
    await createCustomer(t.ctx, other.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });

    const response = await post({ name: "Carlos Gomez", phone: "4155550177" });

    expect(response.statusCode).toBe(201);
    expect(response.body).not.toContain("Carla");
  });

  test("concurrent shared numbers add one customer", async () => {
    const responses = await Promise.all([
      post({ name: "Carla Gomez", phone: "415 555 0177" }),
      post({ name: "Carlos Gomez", phone: "415 555 0177" }),
      post({ name: "Luis Gomez", phone: "415 555 0177" }),
    ]);
    const codes = responses.map((response) => response.statusCode).sort();

    expect(codes).toEqual([201, 409, 409]);
    expect(await countCustomers()).toBe(1);
  });

  test("concurrent creates add one customer", async () => {
    const body = { name: "Ada Lovelace", phone: "415 555 0100" };

    const responses = await Promise.all([post(body), post(body), post(body)]);
    const codes = responses.map((response) => response.statusCode).sort();

    expect(codes).toEqual([201, 409, 409]);
    expect(await countCustomers()).toBe(1);
  });
});

describe("editing into a duplicate customer", () => {
  test("returns 409 and keeps the row", async () => {
    const grace = await createCustomer(t.ctx, company.id, {
      name: "Grace Hopper",
      phone: "415 555 0101",
    });
    const ada = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(t, owner, "PUT", `/api/customers/${ada.id}`, {
      name: "GRACE hopper",
      phone: "(415) 555-0101",
    });
    const stored = await t.ctx.db
      .selectFrom("customers")
      .select(["name", "phone_e164"])
      .where("id", "=", ada.id)
      .executeTakeFirstOrThrow();

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).message).toContain(grace.name);
    expect(stored).toEqual({ name: "Ada", phone_e164: "+14155550100" });
  });

  test("saving a customer unchanged is allowed", async () => {
    const grace = await createCustomer(t.ctx, company.id, {
      name: "Grace Hopper",
      phone: "415 555 0101",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${grace.id}`,
      { name: "grace hopper", phone: "+14155550101" },
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<Customer>().name).toBe("grace hopper");
  });

  test("edit to a shared number returns 409", async () => {
    const sam = await createCustomer(t.ctx, company.id, {
      name: "Sam Lee",
      phone: "415 555 0150",
    });
    const alex = await createCustomer(t.ctx, company.id, {
      name: "Alex Lee",
      phone: "415 555 0199",
    });

    const response = await put(alex.id, {
      name: "Alex Lee",
      phone: "415 555 0150",
    });

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("phone_on_file");
    expect(errorOf(response).message).toContain(
      "Sam Lee already has +1 415 555 0150.",
    );
    expect(sharedWith(response).map((customer) => customer.id)).toEqual([
      sam.id,
    ]);
    expect(await storedPhone(alex.id)).toBe("+14155550199");
  });

  test("confirmed edit to a shared number is saved", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Sam Lee",
      phone: "415 555 0150",
    });
    const alex = await createCustomer(t.ctx, company.id, {
      name: "Alex Lee",
      phone: "415 555 0199",
    });

    const response = await put(alex.id, {
      name: "Alex Lee",
      phone: "415 555 0150",
      confirmSharedPhone: true,
    });

    expect(response.statusCode).toBe(200);
    expect(await storedPhone(alex.id)).toBe("+14155550150");
  });

  test("renaming a customer on a shared number is allowed", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Sam Lee",
      phone: "415 555 0150",
    });
    const alex = await createCustomer(t.ctx, company.id, {
      name: "Alex Lee",
      phone: "415 555 0150",
      confirmSharedPhone: true,
    });

    const response = await put(alex.id, {
      name: "Alexandra Lee",
      phone: "(415) 555-0150",
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<Customer>().name).toBe("Alexandra Lee");
  });

  test("edit ignores another company's number", async () => {
    const other = await buildCompany(t.ctx, { country: "US" });
    await createCustomer(t.ctx, other.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });
    const carlos = await createCustomer(t.ctx, company.id, {
      name: "Carlos Gomez",
      phone: "415 555 0199",
    });

    const response = await put(carlos.id, {
      name: "Carlos Gomez",
      phone: "415 555 0177",
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain("Carla");
  });
});
