import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Customer } from "../../src/common/api.js";
import type { CustomerPage } from "../../src/common/customer-api.js";
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
let viewer: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx, { country: "US" });
  owner = await buildStaff(t.ctx, company);
  viewer = await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
});

afterEach(async () => {
  await t.close();
});

async function listCustomers(
  staff: BuiltStaff,
  query = "",
): Promise<CustomerPage> {
  const response = await callAs(t, staff, "GET", `/api/customers${query}`);
  expect(response.statusCode).toBe(200);

  return response.json<CustomerPage>();
}

describe("POST /api/customers", () => {
  test("normalises number with company country", async () => {
    const response = await callAs(t, owner, "POST", "/api/customers", {
      name: "  Grace   Hopper ",
      phone: "(415) 555-0123",
    });

    expect(response.statusCode).toBe(201);
    const created = response.json<Customer>();
    expect(created.name).toBe("Grace Hopper");
    expect(created.phone).toBe("(415) 555-0123");
    expect(created.phoneE164).toBe("+14155550123");
  });

  test("stores number without extension", async () => {
    const response = await callAs(t, owner, "POST", "/api/customers", {
      name: "Front Desk",
      phone: "(415) 555-9907 x 123",
    });

    expect(response.statusCode).toBe(201);
    const created = response.json<Customer>();
    expect(created.phone).toBe("(415) 555-9907");
    expect(created.phoneE164).toBe("+14155559907");
    const stored = await t.ctx.db
      .selectFrom("customers")
      .select("phone")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(stored.phone).toBe("(415) 555-9907");
  });

  test("reads national numbers of other countries", async () => {
    const gb = await buildCompany(t.ctx, { country: "GB" });
    const gbOwner = await buildStaff(t.ctx, gb);

    const response = await callAs(t, gbOwner, "POST", "/api/customers", {
      name: "Alan",
      phone: "07700 900123",
    });

    expect(response.json<Customer>().phoneE164).toBe("+447700900123");
  });

  test("rejects unreadable number with the value", async () => {
    const response = await callAs(t, owner, "POST", "/api/customers", {
      name: "Nobody",
      phone: "call reception",
    });

    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.field).toBe("phone");
    expect(error.message).toContain('"call reception"');
    expect(error.message).toContain("+14155550123");
    expect(error.message).toContain("United States");
  });

  test("rejects missing name and phone", async () => {
    const noName = await callAs(t, owner, "POST", "/api/customers", {
      name: "   ",
      phone: "415 555 0123",
    });
    const noPhone = await callAs(t, owner, "POST", "/api/customers", {
      name: "Ada",
      phone: "",
    });
    const noBody = await callAs(t, owner, "POST", "/api/customers", {});

    expect(noName.statusCode).toBe(400);
    expect(errorOf(noName).field).toBe("name");
    expect(noPhone.statusCode).toBe(400);
    expect(errorOf(noPhone).field).toBe("phone");
    expect(noBody.statusCode).toBe(400);
  });

  test("rejects unknown field and stores nothing", async () => {
    const response = await callAs(t, owner, "POST", "/api/customers", {
      name: "Grace Hopper",
      phone: "(415) 555-0123",
      email: "grace@example.com",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).field).toBe("email");
    expect(errorOf(response).message).toContain('unknown field, "email"');
    expect((await listCustomers(owner)).customers).toEqual([]);
  });

  test("allows two customers with one number", async () => {
    const first = await callAs(t, owner, "POST", "/api/customers", {
      name: "Sam Lee",
      phone: "415-555-0150",
    });
    const second = await callAs(t, owner, "POST", "/api/customers", {
      name: "Alex Lee",
      phone: "+1 415 555 0150",
      confirmSharedPhone: true,
    });

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
  });

  test("needs Manage company", async () => {
    const response = await callAs(t, viewer, "POST", "/api/customers", {
      name: "Ada",
      phone: "415 555 0123",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("missing_permission");
  });

  test("needs a CSRF token", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/customers",
      headers: { cookie: owner.cookie },
      payload: { name: "Ada", phone: "415 555 0123" },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("csrf_failed");
  });
});

describe("PUT and DELETE /api/customers/:id", () => {
  test("edits name and number", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      {
        name: "Ada Lovelace",
        phone: "+1 (628) 555-0199",
      },
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<Customer>()).toEqual({
      id: customer.id,
      name: "Ada Lovelace",
      phone: "+1 (628) 555-0199",
      phoneE164: "+16285550199",
    });
  });

  test("edit stores number without extension", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      { name: "Ada", phone: "415-555-0100 ext. 5" },
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<Customer>().phone).toBe("415-555-0100");
  });

  test("edit rejects invalid number and keeps the row", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      {
        name: "Ada",
        phone: "12",
      },
    );
    const page = await listCustomers(owner);

    expect(response.statusCode).toBe(400);
    expect(page.customers[0]?.phoneE164).toBe("+14155550100");
  });

  test("edit rejects misspelled field and keeps the row", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      { name: "Ada Lovelace", phone: "628 555 0199", confirmSharedPhon: true },
    );
    const page = await listCustomers(owner);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "validation_failed",
      field: "confirmSharedPhon",
      message:
        'The request body contains an unknown field, "confirmSharedPhon". The accepted fields are name, phone, confirmSharedPhone. Correct the field\'s name or remove the field.',
    });
    expect(page.customers).toEqual([
      {
        id: customer.id,
        name: "Ada",
        phone: "415 555 0100",
        phoneE164: "+14155550100",
      },
    ]);
  });

  test("edit names misspelled field before missing one", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      { nmae: "Ada Lovelace", phone: "415 555 0100" },
    );
    const page = await listCustomers(owner);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).field).toBe("nmae");
    expect(errorOf(response).message).toContain('unknown field, "nmae"');
    expect(page.customers[0]?.name).toBe("Ada");
  });

  test("deletes a customer", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/customers/${customer.id}`,
    );
    const again = await callAs(
      t,
      owner,
      "DELETE",
      `/api/customers/${customer.id}`,
    );

    expect(response.statusCode).toBe(204);
    expect(again.statusCode).toBe(404);
    expect((await listCustomers(owner)).customers).toEqual([]);
  });

  test("viewer cannot edit or delete", async () => {
    const customer = await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "415 555 0100",
    });

    const edit = await callAs(
      t,
      viewer,
      "PUT",
      `/api/customers/${customer.id}`,
      {
        name: "Changed",
        phone: "415 555 0100",
      },
    );
    const remove = await callAs(
      t,
      viewer,
      "DELETE",
      `/api/customers/${customer.id}`,
    );

    expect(edit.statusCode).toBe(403);
    expect(remove.statusCode).toBe(403);
    expect((await listCustomers(owner)).customers[0]?.name).toBe("Ada");
  });
});

describe("tenant isolation", () => {
  test("another company's customer is not found", async () => {
    const other = await buildCompany(t.ctx);
    const theirs = await createCustomer(t.ctx, other.id, {
      name: "Theirs",
      phone: "415 555 0177",
    });

    const edit = await callAs(t, owner, "PUT", `/api/customers/${theirs.id}`, {
      name: "Taken over",
      phone: "415 555 0177",
    });
    const remove = await callAs(
      t,
      owner,
      "DELETE",
      `/api/customers/${theirs.id}`,
    );
    const search = await listCustomers(owner, "?q=Theirs");
    const stored = await t.ctx.db
      .selectFrom("customers")
      .select("name")
      .where("id", "=", theirs.id)
      .executeTakeFirst();

    expect(edit.statusCode).toBe(404);
    expect(remove.statusCode).toBe(404);
    expect(search.customers).toEqual([]);
    expect(stored?.name).toBe("Theirs");
  });
});

describe("GET /api/customers", () => {
  test("lists only the company's customers by name", async () => {
    const other = await buildCompany(t.ctx);
    await createCustomer(t.ctx, company.id, {
      name: "Zoe",
      phone: "+1 415 555 0100",
    });
    await createCustomer(t.ctx, company.id, {
      name: "amy",
      phone: "415-555-0101",
    });
    await createCustomer(t.ctx, other.id, {
      name: "Other",
      phone: "415-555-0102",
    });

    const page = await listCustomers(viewer);

    expect(page.customers.map((customer) => customer.name)).toEqual([
      "amy",
      "Zoe",
    ]);
    expect(page.nextCursor).toBeNull();
  });

  test.each([
    ["(415) 555-0123", "national format"],
    ["415.555.0123", "dots"],
    ["+1 415 555 0123", "international format"],
    ["001 415 555 0123", "00 prefix"],
    ["555-0123", "part of the number"],
    ["5550123", "digits only"],
  ])("finds number typed as %s (%s)", async (typed) => {
    await createCustomer(t.ctx, company.id, {
      name: "Grace",
      phone: "+14155550123",
    });
    await createCustomer(t.ctx, company.id, {
      name: "Other",
      phone: "+16285550199",
    });

    const page = await listCustomers(viewer, `?q=${encodeURIComponent(typed)}`);

    expect(page.customers.map((customer) => customer.name)).toEqual(["Grace"]);
  });

  test("finds part of a name ignoring case", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Grace Hopper",
      phone: "+14155550123",
    });
    await createCustomer(t.ctx, company.id, {
      name: "Ada Lovelace",
      phone: "+14155550124",
    });

    const page = await listCustomers(viewer, "?q=HOPP");

    expect(page.customers.map((customer) => customer.name)).toEqual([
      "Grace Hopper",
    ]);
  });

  test("treats LIKE wildcards as text", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "100% Fitness",
      phone: "+14155550123",
    });
    await createCustomer(t.ctx, company.id, {
      name: "Ada",
      phone: "+14155550124",
    });

    const percent = await listCustomers(
      viewer,
      `?q=${encodeURIComponent("%")}`,
    );
    const underscore = await listCustomers(viewer, "?q=_");

    expect(percent.customers.map((customer) => customer.name)).toEqual([
      "100% Fitness",
    ]);
    expect(underscore.customers).toEqual([]);
  });

  test("pages with a cursor", async () => {
    const names = ["Eve", "bob", "Dan", "alice", "Carol"];
    for (const [index, name] of names.entries()) {
      await createCustomer(t.ctx, company.id, {
        name,
        phone: `+1415555010${index}`,
      });
    }

    const first = await listCustomers(viewer, "?limit=2");
    const second = await listCustomers(
      viewer,
      `?limit=2&cursor=${first.nextCursor ?? ""}`,
    );
    const third = await listCustomers(
      viewer,
      `?limit=2&cursor=${second.nextCursor ?? ""}`,
    );

    expect(first.customers.map((customer) => customer.name)).toEqual([
      "alice",
      "bob",
    ]);
    expect(second.customers.map((customer) => customer.name)).toEqual([
      "Carol",
      "Dan",
    ]);
    expect(third.customers.map((customer) => customer.name)).toEqual(["Eve"]);
    expect(third.nextCursor).toBeNull();
  });

  test("rejects a bad cursor and limit", async () => {
    const cursor = await callAs(
      t,
      viewer,
      "GET",
      "/api/customers?cursor=nonsense",
    );
    const limit = await callAs(t, viewer, "GET", "/api/customers?limit=1000");

    expect(cursor.statusCode).toBe(400);
    expect(errorOf(cursor).field).toBe("cursor");
    expect(errorOf(cursor).message).toBe(
      "cursor: the paging cursor is invalid. Reload the list to start again.",
    );
    expect(limit.statusCode).toBe(400);
  });

  test("unauthenticated request gets 401", async () => {
    const response = await callAs(t, null, "GET", "/api/customers");

    expect(response.statusCode).toBe(401);
  });
});
