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
import { SESSION_COOKIE } from "../../auth/session-store.js";

let t: TestApp;
let company: BuiltCompany;
let staff: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  staff = await buildStaff(t.ctx, company, {
    roleId: company.viewerRoleId,
    locationIds: [company.locationIds[1] ?? ""],
  });
});

afterEach(async () => {
  await t.close();
});

describe("GET /api/auth/me", () => {
  test("returns the signed-in staff member", async () => {
    const response = await t.app.inject({
      url: "/api/auth/me",
      headers: { cookie: staff.cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      staff: { id: staff.id, name: expect.any(String), email: staff.email },
      company: { id: company.id, name: expect.any(String) },
      role: { id: company.viewerRoleId, name: "Staff" },
      permissions: [],
      locations: [{ id: company.locationIds[1], name: "Location 2" }],
      csrfToken: staff.csrfToken,
    });
  });

  test("unauthenticated request gets 401", async () => {
    const response = await t.app.inject({ url: "/api/auth/me" });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
  });

  test("unknown session cookie gets 401", async () => {
    const response = await t.app.inject({
      url: "/api/auth/me",
      cookies: { [SESSION_COOKIE]: "not-a-session" },
    });

    expect(response.statusCode).toBe(401);
  });

  test("deactivated staff loses the session", async () => {
    await t.ctx.db
      .updateTable("staff")
      .set({ active: 0 })
      .where("id", "=", staff.id)
      .execute();

    const response = await t.app.inject({
      url: "/api/auth/me",
      headers: { cookie: staff.cookie },
    });

    expect(response.statusCode).toBe(401);
  });
});

describe("POST /api/auth/logout", () => {
  test("ends session and clears cookie", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: staff.headers,
    });

    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe("");
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    const sessions = await t.ctx.db
      .selectFrom("sessions")
      .select("id")
      .where("staff_id", "=", staff.id)
      .execute();
    expect(sessions).toEqual([]);

    const me = await t.app.inject({
      url: "/api/auth/me",
      headers: { cookie: staff.cookie },
    });
    expect(me.statusCode).toBe(401);
  });

  test("missing csrf token gets 403", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: staff.cookie },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
  });

  test("unauthenticated request gets 401", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
    });

    expect(response.statusCode).toBe(401);
  });
});
