import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Customer } from "../../src/common/api.js";
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

function post(body: { name: string; phone: string }) {
  return callAs(t, owner, "POST", "/api/customers", body);
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

  test("different names may share a number", async () => {
    await post({ name: "Sam Lee", phone: "415 555 0150" });

    const second = await post({ name: "Alex Lee", phone: "415 555 0150" });

    expect(second.statusCode).toBe(201);
    expect(await countCustomers()).toBe(2);
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

  test("edit to a shared number with another name is allowed", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Sam Lee",
      phone: "415 555 0150",
    });
    const alex = await createCustomer(t.ctx, company.id, {
      name: "Alex Lee",
      phone: "415 555 0199",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${alex.id}`,
      { name: "Alex Lee", phone: "415 555 0150" },
    );

    expect(response.statusCode).toBe(200);
  });
});
