import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { callAs, errorCodeOf } from "./admin-fixture.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Endpoint {
  method: Method;
  url: string;
  body?: object;
}

let t: TestApp;
let company: BuiltCompany;
let member: BuiltStaff;
let endpoints: Endpoint[];

beforeAll(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  member = await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
  const [locationId] = company.locationIds as [string, string];
  endpoints = [
    { method: "GET", url: "/api/staff" },
    {
      method: "POST",
      url: "/api/staff",
      body: {
        name: "X",
        email: "x@example.com",
        roleId: company.viewerRoleId,
        locationIds: [],
      },
    },
    { method: "PATCH", url: `/api/staff/${member.id}`, body: { name: "X" } },
    { method: "POST", url: `/api/staff/${member.id}/deactivate` },
    { method: "POST", url: `/api/staff/${member.id}/reactivate` },
    { method: "POST", url: `/api/staff/${member.id}/invitation` },
    { method: "DELETE", url: `/api/staff/${member.id}` },
    { method: "GET", url: "/api/roles" },
    { method: "POST", url: "/api/roles", body: { name: "X", permissions: [] } },
    {
      method: "PUT",
      url: `/api/roles/${company.viewerRoleId}`,
      body: { name: "X", permissions: ["company.manage"] },
    },
    { method: "DELETE", url: `/api/roles/${company.viewerRoleId}` },
    { method: "POST", url: "/api/locations", body: { name: "X" } },
    { method: "PUT", url: `/api/locations/${locationId}`, body: { name: "X" } },
    { method: "DELETE", url: `/api/locations/${locationId}` },
    { method: "GET", url: "/api/audit" },
  ];
});

afterAll(async () => {
  await t.close();
});

describe("admin endpoints", () => {
  test("unauthenticated requests get 401", async () => {
    for (const e of endpoints) {
      const response = await callAs(t, null, e.method, e.url, e.body);

      expect(response.statusCode, `${e.method} ${e.url}`).toBe(401);
    }
  });

  test("staff without manage get 403 and change nothing", async () => {
    for (const e of endpoints) {
      const response = await callAs(t, member, e.method, e.url, e.body);

      expect(response.statusCode, `${e.method} ${e.url}`).toBe(403);
      expect(errorCodeOf(response)).toBe("missing_permission");
    }
    const staff = await t.ctx.db
      .selectFrom("staff")
      .select(["name", "active", "removed_at"])
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(staff.active).toBe(1);
    expect(staff.removed_at).toBeNull();
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .execute();
    expect(audit).toEqual([]);
  });

  test("changes without a CSRF token get 403", async () => {
    const owner = await buildStaff(t.ctx, company);
    const changing = endpoints.filter((e) => e.method !== "GET");

    for (const e of changing) {
      const response = await callAs(
        t,
        { headers: { cookie: owner.cookie } },
        e.method,
        e.url,
        e.body,
      );

      expect(response.statusCode, `${e.method} ${e.url}`).toBe(403);
      expect(errorCodeOf(response)).toBe("csrf_failed");
    }
  });
});
