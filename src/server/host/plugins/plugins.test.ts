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
import { newId, nowIso } from "../../db/ids.js";

const PLUGIN = "sms-chat";

let t: TestApp;
let companyA: BuiltCompany;
let ownerA: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  companyA = await buildCompany(t.ctx);
  ownerA = await buildStaff(t.ctx, companyA);
});

afterEach(async () => {
  await t.close();
});

function send(
  method: "POST" | "PUT" | "DELETE",
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers:
      payload === undefined
        ? headers
        : { ...headers, "content-type": "application/json" },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

async function listing(staff: BuiltStaff) {
  const response = await t.app.inject({
    url: "/api/plugins",
    headers: staff.headers,
  });

  return response.json().plugins.find((p: { id: string }) => p.id === PLUGIN);
}

describe("GET /api/plugins", () => {
  test("lists the catalogue uninstalled", async () => {
    const staff = await buildStaff(t.ctx, companyA, {
      roleId: companyA.viewerRoleId,
    });

    expect(await listing(staff)).toEqual({
      id: PLUGIN,
      name: "SMS Inbox",
      description: expect.any(String),
      installed: false,
      enabledLocationIds: [],
      setupPath: "/plugins/sms-chat/setup",
      permissions: [
        {
          key: "sms-chat.send",
          label: "SMS Inbox (send)",
          description: expect.any(String),
        },
      ],
    });
  });

  test("unauthenticated request gets 401", async () => {
    const response = await t.app.inject({ url: "/api/plugins" });

    expect(response.statusCode).toBe(401);
  });
});

describe("POST /api/plugins/:pluginId/install", () => {
  test("installs and returns the listing", async () => {
    const response = await send(
      "POST",
      `/api/plugins/${PLUGIN}/install`,
      ownerA.headers,
    );

    expect(response.statusCode).toBe(200);
    expect(response.json().installed).toBe(true);
    expect(response.json().enabledLocationIds).toEqual([]);
    expect((await listing(ownerA)).installed).toBe(true);
  });

  test("installing twice changes nothing", async () => {
    const url = `/api/plugins/${PLUGIN}/install`;
    await send("POST", url, ownerA.headers);
    await send("PUT", `/api/plugins/${PLUGIN}/locations`, ownerA.headers, {
      locationIds: companyA.locationIds,
    });

    const again = await send("POST", url, ownerA.headers);

    expect(again.statusCode).toBe(200);
    expect(again.json().enabledLocationIds).toEqual(
      [...companyA.locationIds].sort(),
    );
  });

  test("installation is per company", async () => {
    const ownerB = await buildStaff(t.ctx, await buildCompany(t.ctx));
    await send("POST", `/api/plugins/${PLUGIN}/install`, ownerA.headers);

    expect((await listing(ownerB)).installed).toBe(false);
  });

  test("unknown plugin gets 404", async () => {
    const response = await send(
      "POST",
      "/api/plugins/no-such-plugin/install",
      ownerA.headers,
    );

    expect(response.statusCode).toBe(404);
  });
});

describe("PUT /api/plugins/:pluginId/locations", () => {
  const url = `/api/plugins/${PLUGIN}/locations`;

  beforeEach(async () => {
    await send("POST", `/api/plugins/${PLUGIN}/install`, ownerA.headers);
  });

  test("sets where the plugin is enabled", async () => {
    const first = companyA.locationIds[0] ?? "";
    const response = await send("PUT", url, ownerA.headers, {
      locationIds: [first, first],
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().enabledLocationIds).toEqual([first]);

    const cleared = await send("PUT", url, ownerA.headers, { locationIds: [] });
    expect(cleared.json().enabledLocationIds).toEqual([]);
  });

  test("other company's locations get 400", async () => {
    const companyB = await buildCompany(t.ctx);
    const ownerB = await buildStaff(t.ctx, companyB);
    await send("POST", `/api/plugins/${PLUGIN}/install`, ownerB.headers);

    const response = await send("PUT", url, ownerB.headers, {
      locationIds: [companyB.locationIds[0], companyA.locationIds[0]],
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("locationIds");
    const rows = await t.ctx.db
      .selectFrom("plugin_locations")
      .select("location_id")
      .execute();
    expect(rows).toEqual([]);
  });

  test("not installed plugin gets 409", async () => {
    const ownerB = await buildStaff(t.ctx, await buildCompany(t.ctx));

    const response = await send("PUT", url, ownerB.headers, {
      locationIds: [],
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/Install it first/);
  });

  test("missing location list gets 400", async () => {
    const response = await send("PUT", url, ownerA.headers, {});

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("locationIds");
  });
});

describe("DELETE /api/plugins/:pluginId", () => {
  test("uninstalls but keeps plugin data", async () => {
    await send("POST", `/api/plugins/${PLUGIN}/install`, ownerA.headers);
    await send("PUT", `/api/plugins/${PLUGIN}/locations`, ownerA.headers, {
      locationIds: companyA.locationIds,
    });
    await t.ctx.db
      .insertInto("inbox_numbers")
      .values({
        id: newId(),
        company_id: companyA.id,
        account_sid: `AC${"0".repeat(32)}`,
        phone_number: "+14155550100",
        twilio_sid: null,
        created_at: nowIso(),
      })
      .execute();

    const response = await send(
      "DELETE",
      `/api/plugins/${PLUGIN}`,
      ownerA.headers,
    );

    expect(response.statusCode).toBe(204);
    expect(await listing(ownerA)).toMatchObject({
      installed: false,
      enabledLocationIds: [],
    });
    const enabled = await t.ctx.db
      .selectFrom("plugin_locations")
      .select("location_id")
      .execute();
    expect(enabled).toEqual([]);
    const numbers = await t.ctx.db
      .selectFrom("inbox_numbers")
      .select("id")
      .execute();
    expect(numbers).toHaveLength(1);
  });

  test("other company's installation stays", async () => {
    const ownerB = await buildStaff(t.ctx, await buildCompany(t.ctx));
    await send("POST", `/api/plugins/${PLUGIN}/install`, ownerA.headers);

    await send("DELETE", `/api/plugins/${PLUGIN}`, ownerB.headers);

    expect((await listing(ownerA)).installed).toBe(true);
  });
});
