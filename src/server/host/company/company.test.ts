import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../../../../test/support/factories.js";

let t: TestApp;
let companyA: BuiltCompany;
let ownerA: BuiltStaff;
let ownerB: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  companyA = await buildCompany(t.ctx, { name: "Company A" });
  ownerA = await buildStaff(t.ctx, companyA);
  ownerB = await buildStaff(
    t.ctx,
    await buildCompany(t.ctx, { name: "Company B" }),
  );
});

afterEach(async () => {
  await t.close();
});

function putCompany(headers: Record<string, string>, payload: unknown) {
  return t.app.inject({
    method: "PUT",
    url: "/api/company",
    headers,
    payload: JSON.stringify(payload),
  });
}

const json = { "content-type": "application/json" };

describe("GET /api/company", () => {
  test("returns the staff member's company", async () => {
    const response = await t.app.inject({
      url: "/api/company",
      headers: ownerA.headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: companyA.id,
      name: "Company A",
      country: "US",
    });
  });

  test("other company's staff see their own", async () => {
    const response = await t.app.inject({
      url: "/api/company",
      headers: ownerB.headers,
    });

    expect(response.json().name).toBe("Company B");
    expect(response.json().id).not.toBe(companyA.id);
  });

  test("staff without manage permission can read", async () => {
    const staff = await buildStaff(t.ctx, companyA, {
      roleId: companyA.viewerRoleId,
    });

    const response = await t.app.inject({
      url: "/api/company",
      headers: staff.headers,
    });

    expect(response.statusCode).toBe(200);
  });
});

describe("PUT /api/company", () => {
  test("updates name and country", async () => {
    const response = await putCompany(
      { ...ownerA.headers, ...json },
      { name: "  Acme Rentals ", country: "de" },
    );

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: companyA.id,
      name: "Acme Rentals",
      country: "DE",
    });
  });

  test("omitted fields stay unchanged", async () => {
    const response = await putCompany(
      { ...ownerA.headers, ...json },
      { country: "GB" },
    );

    expect(response.json().name).toBe("Company A");
    expect(response.json().country).toBe("GB");
  });

  test("only changes the caller's company", async () => {
    await putCompany({ ...ownerB.headers, ...json }, { name: "Renamed B" });

    const companyARow = await t.ctx.db
      .selectFrom("companies")
      .select("name")
      .where("id", "=", companyA.id)
      .executeTakeFirstOrThrow();
    expect(companyARow.name).toBe("Company A");
  });

  test.each([
    ["country", { country: "ZZ" }],
    ["country", { country: "USA" }],
    ["name", { name: "" }],
    ["name", { name: "x".repeat(101) }],
  ])("invalid %s is rejected", async (field, payload) => {
    const response = await putCompany({ ...ownerA.headers, ...json }, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
  });

  test("staff role gets 403", async () => {
    const staff = await buildStaff(t.ctx, companyA, {
      roleId: companyA.viewerRoleId,
    });

    const response = await putCompany(
      { ...staff.headers, ...json },
      { name: "Hijacked" },
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("missing_permission");
    expect(response.json().error.message).toBe(
      'This needs the "Manage company" permission. Ask a company owner to grant it to your role.',
    );
  });

  test("missing csrf token gets 403", async () => {
    const response = await putCompany(
      { cookie: ownerA.cookie, ...json },
      { name: "Hijacked" },
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
  });

  test("unauthenticated request gets 401", async () => {
    const response = await putCompany(json, { name: "Hijacked" });

    expect(response.statusCode).toBe(401);
  });
});
