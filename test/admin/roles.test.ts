import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Role, RoleList } from "../../src/common/admin-api.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  installSmsInbox,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import {
  auditRows,
  callAs,
  errorCodeOf,
  errorMessageOf,
} from "./admin-fixture.js";

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

async function createRole(name: string, permissions: string[]) {
  const response = await callAs(t, owner, "POST", "/api/roles", {
    name,
    permissions,
  });
  expect(response.statusCode).toBe(201);

  return response.json<Role>();
}

async function roleList(): Promise<RoleList> {
  const response = await callAs(t, owner, "GET", "/api/roles");
  expect(response.statusCode).toBe(200);

  return response.json<RoleList>();
}

describe("GET /api/roles", () => {
  test("lists roles with member counts", async () => {
    await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
    await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
    const other = await buildCompany(t.ctx);
    await buildStaff(t.ctx, other, { roleId: other.viewerRoleId });

    const { roles } = await roleList();

    expect(roles.map((role) => [role.name, role.memberCount])).toEqual([
      ["Owner", 1],
      ["Staff", 2],
    ]);
  });

  test("offers installed plugins' permissions only", async () => {
    const before = await roleList();
    await installSmsInbox(t.ctx, company);
    const after = await roleList();

    expect(before.permissions.map((p) => p.key)).toEqual(["company.manage"]);
    expect(after.permissions.map((p) => [p.key, p.label, p.group])).toEqual([
      ["company.manage", "Manage company", "Dashboard"],
      ["sms-chat.send", "SMS Inbox (send)", "SMS Inbox"],
    ]);
  });
});

describe("role changes", () => {
  test("creates a role and audits it", async () => {
    const role = await createRole(" Agents ", ["sms-chat.send"]);

    expect(role).toEqual({
      id: role.id,
      name: "Agents",
      permissions: ["sms-chat.send"],
      memberCount: 0,
    });
    const audit = await auditRows(t, company.id, "role.created");
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({
      permissions: ["SMS Inbox (send)"],
    });
  });

  test("unknown permission is rejected", async () => {
    const response = await callAs(t, owner, "POST", "/api/roles", {
      name: "Odd",
      permissions: ["nope.do"],
    });

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain('"nope.do"');
  });

  test("duplicate name is rejected", async () => {
    const response = await callAs(t, owner, "POST", "/api/roles", {
      name: "staff",
      permissions: [],
    });

    expect(response.statusCode).toBe(409);
  });

  test("update records the permission diff", async () => {
    const role = await createRole("Agents", ["sms-chat.send"]);

    const response = await callAs(t, owner, "PUT", `/api/roles/${role.id}`, {
      name: "Senior agents",
      permissions: ["company.manage"],
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<Role>().permissions).toEqual(["company.manage"]);
    const audit = await auditRows(t, company.id, "role.updated");
    expect(audit[0]?.target_label).toBe("Senior agents");
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({
      name: { old: "Agents", new: "Senior agents" },
      permissions: { added: ["Manage company"], removed: ["SMS Inbox (send)"] },
    });
  });

  test("removing manage from own role gets 409", async () => {
    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/roles/${company.ownerRoleId}`,
      { name: "Owner", permissions: [] },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCodeOf(response)).toBe("last_manager");
    expect(errorMessageOf(response)).toContain("your own role");
  });

  test("delete is refused while staff hold the role", async () => {
    await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
    await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/roles/${company.viewerRoleId}`,
    );

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toContain("2 staff members hold");
  });

  test("delete succeeds when only removed staff held it", async () => {
    const role = await createRole("Temps", []);
    const temp = await buildStaff(t.ctx, company, { roleId: role.id });
    await callAs(t, owner, "DELETE", `/api/staff/${temp.id}`);

    const response = await callAs(t, owner, "DELETE", `/api/roles/${role.id}`);

    expect(response.statusCode).toBe(204);
    const { roles } = await roleList();
    expect(roles.map((r) => r.name)).toEqual(["Owner", "Staff"]);
    expect(await auditRows(t, company.id, "role.deleted")).toHaveLength(1);
  });

  test("another company's role is not found", async () => {
    const other = await buildCompany(t.ctx);

    const update = await callAs(
      t,
      owner,
      "PUT",
      `/api/roles/${other.viewerRoleId}`,
      { name: "Mine", permissions: [] },
    );
    const removal = await callAs(
      t,
      owner,
      "DELETE",
      `/api/roles/${other.viewerRoleId}`,
    );

    expect(update.statusCode).toBe(404);
    expect(removal.statusCode).toBe(404);
  });
});
