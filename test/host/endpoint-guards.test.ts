import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";

type Method = "GET" | "POST" | "PUT" | "DELETE";

interface Endpoint {
  method: Method;
  url: string;
  body?: object;
  /** Needs the company.manage permission. */
  manage: boolean;
}

const endpoints: Endpoint[] = [
  { method: "GET", url: "/api/auth/me", manage: false },
  { method: "POST", url: "/api/auth/logout", manage: false },
  { method: "GET", url: "/api/company", manage: false },
  { method: "PUT", url: "/api/company", body: { name: "X" }, manage: true },
  { method: "GET", url: "/api/company/twilio", manage: true },
  {
    method: "PUT",
    url: "/api/company/twilio",
    body: {
      accountSid: `AC${"d4".repeat(16)}`,
      authToken: "0123456789abcdef0123456789abcdef",
      defaultNumber: "+14155550100",
    },
    manage: true,
  },
  { method: "POST", url: "/api/company/twilio/test", manage: true },
  { method: "GET", url: "/api/locations", manage: false },
  { method: "GET", url: "/api/customers", manage: false },
  { method: "GET", url: "/api/plugins", manage: false },
  { method: "POST", url: "/api/plugins/sms-chat/install", manage: true },
  { method: "DELETE", url: "/api/plugins/sms-chat", manage: true },
  {
    method: "PUT",
    url: "/api/plugins/sms-chat/locations",
    body: { locationIds: [] },
    manage: true,
  },
];

let t: TestApp;
let company: BuiltCompany;

beforeAll(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
});

afterAll(async () => {
  await t.close();
});

function call(endpoint: Endpoint, headers: Record<string, string>) {
  return t.app.inject({
    method: endpoint.method,
    url: endpoint.url,
    headers: endpoint.body
      ? { ...headers, "content-type": "application/json" }
      : headers,
    ...(endpoint.body ? { payload: JSON.stringify(endpoint.body) } : {}),
  });
}

const label = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.url}`;
const changing = endpoints.filter((endpoint) => endpoint.method !== "GET");
const managing = endpoints.filter((endpoint) => endpoint.manage);

describe.each(endpoints.map((e) => [label(e), e] as const))("%s", (_, e) => {
  test("unauthenticated request gets 401", async () => {
    const response = await call(e, {});

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
  });
});

describe.each(changing.map((e) => [label(e), e] as const))("%s", (_, e) => {
  test("missing csrf token gets 403", async () => {
    const owner = await buildStaff(t.ctx, company);

    const response = await call(e, { cookie: owner.cookie });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
  });

  test("wrong csrf token gets 403", async () => {
    const owner = await buildStaff(t.ctx, company);
    const other: BuiltStaff = await buildStaff(t.ctx, company);

    const response = await call(e, {
      cookie: owner.cookie,
      "x-csrf-token": other.csrfToken,
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_failed");
  });
});

describe.each(managing.map((e) => [label(e), e] as const))("%s", (_, e) => {
  test("staff role gets 403", async () => {
    const staff = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
    });

    const response = await call(e, staff.headers);

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("missing_permission");
  });
});

test("staff role changes nothing", async () => {
  const staff = await buildStaff(t.ctx, company, {
    roleId: company.viewerRoleId,
  });

  for (const endpoint of managing) await call(endpoint, staff.headers);

  const installations = await t.ctx.db
    .selectFrom("plugin_installations")
    .select("plugin_id")
    .where("company_id", "=", company.id)
    .execute();
  const connection = await t.ctx.db
    .selectFrom("twilio_connections")
    .select("company_id")
    .where("company_id", "=", company.id)
    .executeTakeFirst();
  expect(installations).toEqual([]);
  expect(connection).toBeUndefined();
});
