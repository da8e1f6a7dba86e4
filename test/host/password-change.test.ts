import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createSession,
  SESSION_COOKIE,
} from "../../src/server/auth/session-store.js";
import { MAX_WRONG_CURRENT_PASSWORDS } from "../../src/server/host/auth/password-change.js";
import {
  auditRows,
  callAs,
  errorCodeOf,
  errorMessageOf,
} from "../admin/admin-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  TEST_PASSWORD,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";

const NEW_PASSWORD = "a brand new password";
const URL = "/api/auth/password";

let t: TestApp;
let company: BuiltCompany;
let staff: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  staff = await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
});

afterEach(async () => {
  await t.close();
});

function change(
  as: Pick<BuiltStaff, "headers"> | null,
  body: object = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
) {
  return callAs(t, as, "POST", URL, body);
}

function login(password: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ email: staff.email, password }),
  });
}

async function otherSession(): Promise<Pick<BuiltStaff, "headers">> {
  const session = await createSession(t.ctx.db, staff.id, 60 * 60 * 1000);

  return {
    headers: {
      cookie: `${SESSION_COOKIE}=${session.token}`,
      "x-csrf-token": session.csrfToken,
    },
  };
}

describe("POST /api/auth/password", () => {
  test("new password signs in", async () => {
    const response = await change(staff);

    expect(response.statusCode).toBe(204);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login(TEST_PASSWORD)).statusCode).toBe(401);
  });

  test("other sessions are signed out", async () => {
    const other = await otherSession();

    await change(staff);

    const current = await callAs(t, staff, "GET", "/api/auth/me");
    const ended = await callAs(t, other, "GET", "/api/auth/me");
    expect(current.statusCode).toBe(200);
    expect(ended.statusCode).toBe(401);
  });

  test("sessions of other staff stay", async () => {
    const colleague = await buildStaff(t.ctx, company);

    await change(staff);

    const me = await callAs(t, colleague, "GET", "/api/auth/me");
    expect(me.statusCode).toBe(200);
  });

  test("change is audited", async () => {
    await otherSession();
    await otherSession();

    await change(staff);

    const [entry] = await auditRows(t, company.id, "staff.password_changed");
    expect(entry?.actor_staff_id).toBe(staff.id);
    expect(entry?.target_id).toBe(staff.id);
    expect(JSON.parse(entry?.details ?? "{}")).toEqual({
      otherSessionsSignedOut: 2,
    });
    expect(entry?.details).not.toContain(NEW_PASSWORD);
  });

  test("wrong current password is rejected", async () => {
    const response = await change(staff, {
      currentPassword: "not my password",
      newPassword: NEW_PASSWORD,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("currentPassword");
    expect(errorMessageOf(response)).toBe("The current password is incorrect.");
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditRows(t, company.id, "staff.password_changed")).toEqual(
      [],
    );
  });

  test("short new password is rejected", async () => {
    const response = await change(staff, {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("newPassword");
    expect(errorMessageOf(response)).toMatch(/at least 10 characters/);
  });

  test("unchanged password is rejected", async () => {
    const other = await otherSession();

    const response = await change(staff, {
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("newPassword");
    const me = await callAs(t, other, "GET", "/api/auth/me");
    expect(me.statusCode).toBe(200);
  });

  test("missing CSRF token is rejected", async () => {
    const response = await callAs(
      t,
      { headers: { cookie: staff.cookie } },
      "POST",
      URL,
      {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      },
    );

    expect(response.statusCode).toBe(403);
    expect(errorCodeOf(response)).toBe("csrf_failed");
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
  });

  test("signed-out request is rejected", async () => {
    const response = await change(null);

    expect(response.statusCode).toBe(401);
  });

  test("wrong guesses are rate limited", async () => {
    for (let attempt = 0; attempt < MAX_WRONG_CURRENT_PASSWORDS; attempt += 1) {
      const wrong = await change(staff, {
        currentPassword: `guess ${attempt}`,
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.statusCode).toBe(400);
    }

    const blocked = await change(staff);

    expect(blocked.statusCode).toBe(429);
    expect(errorCodeOf(blocked)).toBe("too_many_password_attempts");
    expect(errorMessageOf(blocked)).toMatch(/Wait 15 minutes/);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(800);
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
  });

  test("limit is per staff member", async () => {
    for (let attempt = 0; attempt < MAX_WRONG_CURRENT_PASSWORDS; attempt += 1) {
      await change(staff, {
        currentPassword: `guess ${attempt}`,
        newPassword: NEW_PASSWORD,
      });
    }
    const colleague = await buildStaff(t.ctx, company);

    const response = await change(colleague);

    expect(response.statusCode).toBe(204);
  });
});
