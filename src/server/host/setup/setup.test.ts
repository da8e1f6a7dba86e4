import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import { buildCompany } from "../../../../test/support/factories.js";
import { SESSION_COOKIE } from "../../auth/session-store.js";
import { verifyPassword } from "../../auth/passwords.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

const validSetup = {
  companyName: "Acme Tours",
  country: "gb",
  ownerName: "Ada Owner",
  ownerEmail: "Ada@Example.com",
  password: "long enough password",
};

function postSetup(payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "POST",
    url: "/api/setup",
    payload: JSON.stringify(payload),
    headers: { "content-type": "application/json", ...headers },
  });
}

async function needsSetup(): Promise<boolean> {
  const response = await t.app.inject({ url: "/api/setup/status" });

  return response.json().needsSetup;
}

describe("GET /api/setup/status", () => {
  test("empty database needs setup", async () => {
    expect(await needsSetup()).toBe(true);
  });

  test("existing company ends setup", async () => {
    await buildCompany(t.ctx);

    expect(await needsSetup()).toBe(false);
  });
});

describe("POST /api/setup", () => {
  test("creates company, roles and owner", async () => {
    const response = await postSetup(validSetup);

    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me.staff.email).toBe("ada@example.com");
    expect(me.company.name).toBe("Acme Tours");
    expect(me.role.name).toBe("Owner");
    expect(me.permissions).toEqual(["company.manage", "sms-chat.send"]);
    expect(me.locations).toEqual([
      { id: expect.any(String), name: "Main location" },
    ]);

    const company = await t.ctx.db
      .selectFrom("companies")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(company.country).toBe("GB");
    expect(company.webhook_token).toMatch(/^[0-9a-f]{32}$/);

    const roles = await t.ctx.db
      .selectFrom("roles")
      .select(["name", "permissions"])
      .orderBy("name")
      .execute();
    expect(roles).toEqual([
      {
        name: "Owner",
        permissions: JSON.stringify(["company.manage", "sms-chat.send"]),
      },
      { name: "Staff", permissions: "[]" },
    ]);

    const owner = await t.ctx.db
      .selectFrom("staff")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(owner.password_hash).not.toContain(validSetup.password);
    expect(await verifyPassword(validSetup.password, owner.password_hash)).toBe(
      true,
    );
  });

  test("signs the owner in", async () => {
    const response = await postSetup(validSetup);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);

    const me = await t.app.inject({
      url: "/api/auth/me",
      cookies: { [SESSION_COOKIE]: cookie?.value ?? "" },
    });

    expect(me.statusCode).toBe(200);
    expect(me.json().role.name).toBe("Owner");
  });

  test("country defaults to US", async () => {
    const { country: _omitted, ...withoutCountry } = validSetup;

    const response = await postSetup(withoutCountry);

    expect(response.statusCode).toBe(200);
    const company = await t.ctx.db
      .selectFrom("companies")
      .select("country")
      .executeTakeFirstOrThrow();
    expect(company.country).toBe("US");
  });

  test("runs only once", async () => {
    expect((await postSetup(validSetup)).statusCode).toBe(200);

    const second = await postSetup({
      ...validSetup,
      ownerEmail: "other@example.com",
    });

    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("setup_already_done");
    const companies = await t.ctx.db
      .selectFrom("companies")
      .select("id")
      .execute();
    expect(companies).toHaveLength(1);
  });

  test("concurrent setups create one company", async () => {
    const responses = await Promise.all([
      postSetup(validSetup),
      postSetup({ ...validSetup, ownerEmail: "second@example.com" }),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
  });

  test.each([
    ["companyName", { companyName: " " }],
    ["country", { country: "XX" }],
    ["ownerName", { ownerName: "" }],
    ["ownerEmail", { ownerEmail: "not-an-email" }],
    ["password", { password: "short" }],
  ])("invalid %s is named", async (field, override) => {
    const response = await postSetup({ ...validSetup, ...override });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(await needsSetup()).toBe(true);
  });

  test("foreign origin is rejected", async () => {
    const response = await postSetup(validSetup, {
      origin: "https://evil.example.net",
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
    expect(await needsSetup()).toBe(true);
  });

  test("non-json body is rejected", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/setup",
      payload: new URLSearchParams(validSetup).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

    expect(response.statusCode).toBe(415);
    expect(await needsSetup()).toBe(true);
  });
});
