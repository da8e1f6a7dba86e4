import { afterEach, describe, expect, test } from "vitest";
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_EMAIL_AND_IP,
} from "../../src/server/auth/sign-in-limits.js";
import { auditRows } from "../admin/admin-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  TEST_PASSWORD,
  type BuiltStaff,
} from "../support/factories.js";

const PROXY = "127.0.0.1";
const ATTACKER = "203.0.113.9";
const STAFF_IP = "198.51.100.7";

let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(env: Record<string, string>) {
  t = await buildTestApp(env);
  const company = await buildCompany(t.ctx);
  const staff = await buildStaff(t.ctx, company);

  return { app: t, company, staff };
}

function login(
  app: TestApp,
  body: { email: string; password: string },
  forwardedFor: string,
  remoteAddress = PROXY,
) {
  return app.app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress,
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": forwardedFor,
    },
    payload: JSON.stringify(body),
  });
}

function changePassword(app: TestApp, staff: BuiltStaff, forwardedFor: string) {
  return app.app.inject({
    method: "POST",
    url: "/api/auth/password",
    remoteAddress: PROXY,
    headers: {
      ...staff.headers,
      "content-type": "application/json",
      "x-forwarded-for": forwardedFor,
    },
    payload: JSON.stringify({
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new password",
    }),
  });
}

async function passwordAuditIp(app: TestApp, companyId: string) {
  const [entry] = await auditRows(app, companyId, "staff.password_changed");

  return entry?.ip;
}

async function lockOutFrom(
  app: TestApp,
  email: string,
  forwardedFor: string,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL_AND_IP; attempt += 1) {
    const failed = await login(app, { email, password: "wrong" }, forwardedFor);
    expect(failed.statusCode).toBe(401);
  }
}

describe("TRUST_PROXY set to the proxy address", () => {
  test("attacker cannot lock out staff", async () => {
    const { app, staff } = await start({ TRUST_PROXY: PROXY });
    await lockOutFrom(app, staff.email, ATTACKER);

    const attacker = await login(
      app,
      { email: staff.email, password: TEST_PASSWORD },
      ATTACKER,
    );
    const victim = await login(
      app,
      { email: staff.email, password: TEST_PASSWORD },
      STAFF_IP,
    );

    expect(attacker.statusCode).toBe(429);
    expect(victim.statusCode).toBe(200);
  });

  test("untrusted sender cannot choose its IP", async () => {
    const { app, staff } = await start({ TRUST_PROXY: PROXY });
    for (
      let attempt = 0;
      attempt < MAX_FAILURES_PER_EMAIL_AND_IP;
      attempt += 1
    ) {
      await login(
        app,
        { email: staff.email, password: "wrong" },
        `192.0.2.${attempt}`,
        "10.9.9.9",
      );
    }

    const next = await login(
      app,
      { email: staff.email, password: TEST_PASSWORD },
      "192.0.2.200",
      "10.9.9.9",
    );

    expect(next.statusCode).toBe(429);
  });

  test("audit entry has the client IP", async () => {
    const { app, company, staff } = await start({ TRUST_PROXY: PROXY });

    const response = await changePassword(app, staff, `${STAFF_IP}, ${PROXY}`);

    expect(response.statusCode).toBe(204);
    expect(await passwordAuditIp(app, company.id)).toBe(STAFF_IP);
  });
});

describe("TRUST_PROXY as a hop count", () => {
  test("one hop trusts the nearest proxy", async () => {
    const { app, staff } = await start({ TRUST_PROXY: "1" });
    await lockOutFrom(app, staff.email, ATTACKER);

    const victim = await login(
      app,
      { email: staff.email, password: TEST_PASSWORD },
      // The client forged the first entry; the proxy appended the real IP.
      `${ATTACKER}, ${STAFF_IP}`,
    );

    expect(victim.statusCode).toBe(200);
  });

  test("rotated IPs slow the email", async () => {
    const { app, staff } = await start({ TRUST_PROXY: "1" });
    const password = { email: staff.email, password: TEST_PASSWORD };
    const usual = await login(app, password, STAFF_IP);
    expect(usual.statusCode).toBe(200);
    // A direct client picks a new IP for each guess, so the per-IP limits
    // never apply.
    const wrong = { email: staff.email, password: "wrong" };
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt += 1) {
      const failed = await login(app, wrong, `192.0.2.${attempt}`, ATTACKER);
      expect(failed.statusCode).toBe(401);
    }

    const slot = await login(app, wrong, "192.0.2.100", ATTACKER);
    const slowed = await login(app, wrong, "192.0.2.101", ATTACKER);
    const victim = await login(app, password, STAFF_IP);

    expect(slot.statusCode).toBe(401);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers["retry-after"]).toBe("30");
    expect(victim.statusCode).toBe(200);
  });
});

describe("TRUST_PROXY unset", () => {
  test("forwarded header is ignored", async () => {
    const { app, company, staff } = await start({});

    const response = await changePassword(app, staff, STAFF_IP);

    expect(response.statusCode).toBe(204);
    expect(await passwordAuditIp(app, company.id)).toBe(PROXY);
  });

  test("every client shares the proxy's count", async () => {
    const { app, staff } = await start({});
    await lockOutFrom(app, staff.email, ATTACKER);

    const victim = await login(
      app,
      { email: staff.email, password: TEST_PASSWORD },
      STAFF_IP,
    );

    expect(victim.statusCode).toBe(429);
  });
});
