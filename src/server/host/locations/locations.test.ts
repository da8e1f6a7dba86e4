import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
} from "../../../../test/support/factories.js";
import { createLocation } from "./location-store.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

describe("GET /api/locations", () => {
  test("lists the company's locations by name", async () => {
    const company = await buildCompany(t.ctx);
    const other = await buildCompany(t.ctx);
    const added = await createLocation(t.ctx, company.id, " Harbour desk ");
    await createLocation(t.ctx, other.id, "Other company's desk");
    const staff = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
      locationIds: [],
    });

    const response = await t.app.inject({
      url: "/api/locations",
      headers: staff.headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      locations: [
        { id: added.id, name: "Harbour desk" },
        { id: company.locationIds[0], name: "Location 1" },
        { id: company.locationIds[1], name: "Location 2" },
      ],
    });
  });

  test("unauthenticated request gets 401", async () => {
    const response = await t.app.inject({ url: "/api/locations" });

    expect(response.statusCode).toBe(401);
  });
});
