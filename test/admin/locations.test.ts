import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Location } from "../../src/common/api.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  installSmsInbox,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { auditRows, callAs, errorMessageOf } from "./admin-fixture.js";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

describe("location admin", () => {
  test("creates and renames a location", async () => {
    const created = await callAs(t, owner, "POST", "/api/locations", {
      name: " Harbour desk ",
    });
    expect(created.statusCode).toBe(201);
    const location = created.json<Location>();

    const renamed = await callAs(
      t,
      owner,
      "PUT",
      `/api/locations/${location.id}`,
      { name: "Pier desk" },
    );

    expect(location.name).toBe("Harbour desk");
    expect(renamed.json<Location>()).toEqual({
      id: location.id,
      name: "Pier desk",
    });
    expect(await auditRows(t, company.id, "location.created")).toHaveLength(1);
    const audit = await auditRows(t, company.id, "location.renamed");
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({
      name: { old: "Harbour desk", new: "Pier desk" },
    });
  });

  test("delete is refused while staff work only there", async () => {
    const [first] = company.locationIds as [string, string];
    await buildStaff(t.ctx, company, { locationIds: [first] });

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/locations/${first}`,
    );

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toContain("only at Location 1");
  });

  test("delete drops staff and plugin links", async () => {
    const [first, second] = company.locationIds as [string, string];
    await installSmsInbox(t.ctx, company);

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/locations/${first}`,
    );

    expect(response.statusCode).toBe(204);
    const me = await callAs(t, owner, "GET", "/api/auth/me");
    const ids = me.json<{ locations: Location[] }>().locations.map((l) => l.id);
    expect(ids).toEqual([second]);
    const enabled = await t.ctx.db
      .selectFrom("plugin_locations")
      .select("location_id")
      .where("company_id", "=", company.id)
      .execute();
    expect(enabled.map((row) => row.location_id)).toEqual([second]);
    expect(await auditRows(t, company.id, "location.deleted")).toHaveLength(1);
  });

  test("deactivated staff do not block delete", async () => {
    const [first] = company.locationIds as [string, string];
    const member = await buildStaff(t.ctx, company, { locationIds: [first] });
    await callAs(t, owner, "POST", `/api/staff/${member.id}/deactivate`);

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/locations/${first}`,
    );

    expect(response.statusCode).toBe(204);
  });

  test("another company's location is not found", async () => {
    const other = await buildCompany(t.ctx);
    const [theirs] = other.locationIds as [string, string];

    const rename = await callAs(t, owner, "PUT", `/api/locations/${theirs}`, {
      name: "Mine",
    });
    const removal = await callAs(
      t,
      owner,
      "DELETE",
      `/api/locations/${theirs}`,
    );

    expect(rename.statusCode).toBe(404);
    expect(removal.statusCode).toBe(404);
  });

  test("staff without manage get 403", async () => {
    const viewer = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
    });

    const response = await callAs(t, viewer, "POST", "/api/locations", {
      name: "Nope",
    });

    expect(response.statusCode).toBe(403);
  });
});
