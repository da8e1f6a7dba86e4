import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
  TEST_PASSWORD,
  type BuiltCompany,
} from "../../../../test/support/factories.js";
import { SESSION_COOKIE } from "../../auth/session-store.js";
import { DEVICE_COOKIE } from "../../auth/device-cookie.js";
import {
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
} from "../../auth/sign-in-limits.js";

let t: TestApp;
let company: BuiltCompany;
let email: string;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  ({ email } = await buildStaff(t.ctx, company, {
    locationIds: [company.locationIds[0] ?? ""],
  }));
});

afterEach(async () => {
  await t.close();
});

function login(
  payload: unknown,
  options: {
    headers?: Record<string, string>;
    remoteAddress?: string;
    cookies?: Record<string, string>;
  } = {},
) {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: JSON.stringify(payload),
    headers: { "content-type": "application/json", ...options.headers },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    ...(options.cookies ? { cookies: options.cookies } : {}),
  });
}

/** Signs in from `remoteAddress` and returns the device cookie it set. */
async function deviceCookieFrom(remoteAddress: string): Promise<string> {
  const response = await login(
    { email, password: TEST_PASSWORD },
    { remoteAddress },
  );
  const cookie = response.cookies.find((c) => c.name === DEVICE_COOKIE);
  if (!cookie) throw new Error("sign-in set no device cookie");

  return cookie.value;
}

/** Sends MAX_FAILURES_PER_EMAIL wrong passwords, each from its own IP. */
async function guessFromManyIps(): Promise<void> {
  for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt += 1) {
    await login(
      { email, password: "wrong" },
      { remoteAddress: `203.0.113.${attempt}` },
    );
  }
}

describe("POST /api/auth/login", () => {
  test("valid credentials return me", async () => {
    const response = await login({ email, password: TEST_PASSWORD });

    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me.staff.email).toBe(email);
    expect(me.company.id).toBe(company.id);
    expect(me.role).toEqual({ id: company.ownerRoleId, name: "Owner" });
    expect(me.permissions).toContain("company.manage");
    expect(me.locations).toEqual([
      { id: company.locationIds[0], name: "Location 1" },
    ]);
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  test("session cookie has safe flags", async () => {
    const before = Date.now();
    const response = await login({ email, password: TEST_PASSWORD });

    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect(cookie?.secure).toBe(true);
    const expires = cookie?.expires?.getTime() ?? 0;
    const ttl = t.ctx.config.sessionTtlMs;
    expect(expires).toBeGreaterThan(before + ttl - 5_000);
    expect(expires).toBeLessThan(before + ttl + 5_000);
  });

  test("cookie authenticates later requests", async () => {
    const response = await login({ email, password: TEST_PASSWORD });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);

    const me = await t.app.inject({
      url: "/api/auth/me",
      cookies: { [SESSION_COOKIE]: cookie?.value ?? "" },
    });

    expect(me.statusCode).toBe(200);
    expect(me.json().staff.email).toBe(email);
    expect(me.json().csrfToken).toBe(response.json().csrfToken);
  });

  test("email match ignores case", async () => {
    const response = await login({
      email: `  ${email.toUpperCase()} `,
      password: TEST_PASSWORD,
    });

    expect(response.statusCode).toBe(200);
  });

  test("wrong password is rejected", async () => {
    const response = await login({ email, password: "wrong password" });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_credentials");
    expect(response.cookies).toEqual([]);
  });

  test("unknown email is rejected", async () => {
    const response = await login({
      email: "nobody@example.com",
      password: TEST_PASSWORD,
    });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_credentials");
  });

  test("inactive staff cannot sign in", async () => {
    await t.ctx.db
      .updateTable("staff")
      .set({ active: 0 })
      .where("email", "=", email)
      .execute();

    const response = await login({ email, password: TEST_PASSWORD });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/deactivated/);
    expect(response.cookies).toEqual([]);
  });

  test("missing fields name the field", async () => {
    const response = await login({ email });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("password");
  });

  test("form-encoded body is rejected", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: `email=${encodeURIComponent(email)}&password=${TEST_PASSWORD}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("unsupported_media_type");
  });

  test("foreign origin is rejected", async () => {
    const response = await login(
      { email, password: TEST_PASSWORD },
      { headers: { origin: "https://evil.example.net" } },
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({
      code: "csrf_failed",
      message:
        "The request came from a page on another site, as its Origin header shows. Open this app at its own address and try again there.",
    });
    expect(response.cookies).toEqual([]);
  });

  test("null origin is rejected", async () => {
    const response = await login(
      { email, password: TEST_PASSWORD },
      { headers: { origin: "null" } },
    );

    expect(response.statusCode).toBe(403);
  });

  test("public url origin is accepted", async () => {
    const response = await login(
      { email, password: TEST_PASSWORD },
      { headers: { origin: "https://inbox.example.com" } },
    );

    expect(response.statusCode).toBe(200);
  });

  test("origin matching host is accepted", async () => {
    const response = await login(
      { email, password: TEST_PASSWORD },
      { headers: { origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" } },
    );

    expect(response.statusCode).toBe(200);
  });
});

describe("login rate limit", () => {
  test("eleventh attempt gets 429", async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const failed = await login({ email, password: `wrong ${attempt}` });
      expect(failed.statusCode).toBe(401);
    }

    const blocked = await login({ email, password: TEST_PASSWORD });

    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("too_many_login_attempts");
    expect(blocked.json().error.message).toMatch(/Wait 15 minutes/);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(800);
  });

  test("limit is per client address", async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await login({ email, password: "wrong" }, { remoteAddress: "10.0.0.1" });
    }

    const other = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "10.0.0.2" },
    );

    expect(other.statusCode).toBe(200);
  });

  // Each attempt costs one scrypt hash, so this test takes seconds.
  test("one IP is limited across emails", async () => {
    const attacker = { remoteAddress: "203.0.113.9" };
    for (let attempt = 0; attempt < MAX_FAILURES_PER_IP; attempt += 1) {
      await login(
        { email: `guess${attempt}@example.com`, password: "wrong" },
        attacker,
      );
    }

    const blocked = await login({ email, password: TEST_PASSWORD }, attacker);
    const other = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "198.51.100.7" },
    );

    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/from your network address/);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(800);
    expect(other.statusCode).toBe(200);
  }, 60_000);

  test("success clears earlier failures", async () => {
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      await login({ email, password: "wrong" });
    }
    expect((await login({ email, password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );

    for (let attempt = 1; attempt <= 9; attempt += 1) {
      await login({ email, password: "wrong" });
    }
    const response = await login({ email, password: TEST_PASSWORD });

    expect(response.statusCode).toBe(200);
  });
});

// Each attempt costs one scrypt hash, so these tests take seconds.
describe("device cookie", () => {
  test("sign-in sets it for the login path", async () => {
    const before = Date.now();
    const response = await login({ email, password: TEST_PASSWORD });

    const cookie = response.cookies.find((c) => c.name === DEVICE_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    expect(cookie?.path).toBe("/api/auth/login");
    expect(cookie?.secure).toBe(true);
    expect(cookie?.value).not.toContain(email);
    const days = ((cookie?.expires?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  test("failed sign-in sets none", async () => {
    const response = await login({ email, password: "wrong" });

    expect(response.cookies.map((c) => c.name)).not.toContain(DEVICE_COOKIE);
  });

  test("skips the slowdown on a new IP", async () => {
    const device = await deviceCookieFrom("198.51.100.1");
    await guessFromManyIps();

    const withCookie = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "198.51.100.2", cookies: { [DEVICE_COOKIE]: device } },
    );
    const withoutCookie = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "198.51.100.3" },
    );
    const thirdIp = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "198.51.100.4" },
    );

    expect(withCookie.statusCode).toBe(200);
    expect(withoutCookie.statusCode).toBe(200);
    expect(thirdIp.statusCode).toBe(429);
    expect(thirdIp.json().error.message).toMatch(/from other network/);
  }, 60_000);

  test("another email's cookie is ignored", async () => {
    const other = await buildStaff(t.ctx, company);
    const response = await login(
      { email: other.email, password: TEST_PASSWORD },
      { remoteAddress: "198.51.100.1" },
    );
    const device =
      response.cookies.find((c) => c.name === DEVICE_COOKIE)?.value ?? "";
    await guessFromManyIps();
    await login({ email, password: "wrong" }, { remoteAddress: "192.0.2.1" });

    const blocked = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "192.0.2.2", cookies: { [DEVICE_COOKIE]: device } },
    );

    expect(blocked.statusCode).toBe(429);
  }, 60_000);

  test("changed cookie is ignored", async () => {
    const device = await deviceCookieFrom("198.51.100.1");
    await guessFromManyIps();
    await login({ email, password: "wrong" }, { remoteAddress: "192.0.2.1" });
    const middle = Math.floor(device.length / 2);
    const flipped = device[middle] === "A" ? "B" : "A";
    const changed = `${device.slice(0, middle)}${flipped}${device.slice(middle + 1)}`;

    const blocked = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "192.0.2.2", cookies: { [DEVICE_COOKIE]: changed } },
    );

    expect(blocked.statusCode).toBe(429);
  }, 60_000);

  test("cookie with many failures stops exempting", async () => {
    const device = await deviceCookieFrom("198.51.100.1");
    await guessFromManyIps();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_DEVICE; attempt += 1) {
      const failed = await login(
        { email, password: "wrong" },
        {
          remoteAddress: `192.0.2.${attempt}`,
          cookies: { [DEVICE_COOKIE]: device },
        },
      );
      expect(failed.statusCode).toBe(401);
    }
    await login({ email, password: "wrong" }, { remoteAddress: "192.0.2.99" });

    const blocked = await login(
      { email, password: TEST_PASSWORD },
      { remoteAddress: "192.0.2.100", cookies: { [DEVICE_COOKIE]: device } },
    );

    expect(blocked.statusCode).toBe(429);
  }, 60_000);
});

describe("session cookie without https", () => {
  test("http public url drops secure", async () => {
    const plain = await buildTestApp({ PUBLIC_URL: "http://localhost:3000" });
    try {
      const owner = await buildStaff(plain.ctx, await buildCompany(plain.ctx));
      const response = await plain.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: owner.email, password: TEST_PASSWORD },
      });

      expect(response.statusCode).toBe(200);
      expect(response.cookies.map((c) => c.name)).toEqual([
        DEVICE_COOKIE,
        SESSION_COOKIE,
      ]);
      for (const cookie of response.cookies) {
        expect(cookie.secure).toBeUndefined();
      }
      expect(String(response.headers["set-cookie"])).not.toMatch(/Secure/i);
    } finally {
      await plain.close();
    }
  });
});
