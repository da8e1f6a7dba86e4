import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
} from "../../../../test/support/factories.js";
import { createCustomer } from "./customer-store.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

describe("createCustomer", () => {
  test("stores e164 with company country", async () => {
    const us = await buildCompany(t.ctx, { country: "US" });
    const gb = await buildCompany(t.ctx, { country: "GB" });

    const usCustomer = await createCustomer(t.ctx, us.id, {
      name: "Grace",
      phone: "(415) 555-0123",
    });
    const gbCustomer = await createCustomer(t.ctx, gb.id, {
      name: "Alan",
      phone: "07700 900123",
    });

    expect(usCustomer.phone).toBe("(415) 555-0123");
    expect(usCustomer.phone_e164).toBe("+14155550123");
    expect(gbCustomer.phone_e164).toBe("+447700900123");
  });

  test("unreadable phone keeps null e164", async () => {
    const company = await buildCompany(t.ctx);

    const customer = await createCustomer(t.ctx, company.id, {
      name: "Nobody",
      phone: "call reception",
    });

    expect(customer.phone).toBe("call reception");
    expect(customer.phone_e164).toBeNull();
  });
});

describe("GET /api/customers", () => {
  test("lists only the company's customers", async () => {
    const company = await buildCompany(t.ctx);
    const other = await buildCompany(t.ctx);
    const zoe = await createCustomer(t.ctx, company.id, {
      name: "Zoe",
      phone: "+1 415 555 0100",
    });
    const amy = await createCustomer(t.ctx, company.id, {
      name: "Amy",
      phone: "415-555-0101",
    });
    await createCustomer(t.ctx, other.id, {
      name: "Other company's customer",
      phone: "415-555-0102",
    });
    const staff = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
    });

    const response = await t.app.inject({
      url: "/api/customers",
      headers: staff.headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      customers: [
        {
          id: amy.id,
          name: "Amy",
          phone: "415-555-0101",
          phoneE164: "+14155550101",
        },
        {
          id: zoe.id,
          name: "Zoe",
          phone: "+1 415 555 0100",
          phoneE164: "+14155550100",
        },
      ],
    });
  });

  test("unauthenticated request gets 401", async () => {
    const response = await t.app.inject({ url: "/api/customers" });

    expect(response.statusCode).toBe(401);
  });
});
