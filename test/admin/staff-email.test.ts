import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { auditRows, callAs, errorMessageOf } from "./admin-fixture.js";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;
let member: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  owner = await buildStaff(t.ctx, company);
  member = await buildStaff(t.ctx, company, { roleId: company.viewerRoleId });
});

afterEach(async () => {
  await t.close();
});

function patchMember(body: object) {
  return callAs(t, owner, "PATCH", `/api/staff/${member.id}`, body);
}

async function storedEmail(): Promise<string | undefined> {
  const row = await t.ctx.db
    .selectFrom("staff")
    .select("email")
    .where("id", "=", member.id)
    .executeTakeFirst();

  return row?.email;
}

describe("PATCH /api/staff/:id email", () => {
  test("new email is rejected", async () => {
    const response = await patchMember({
      name: "Renamed",
      email: "new@example.com",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("email");
    expect(errorMessageOf(response)).toMatch(/cannot be changed/);
    expect(errorMessageOf(response)).toContain(`then remove ${member.email}`);
    expect(await storedEmail()).toBe(member.email);
  });

  test("rejection changes nothing else", async () => {
    await patchMember({ name: "Renamed", email: "new@example.com" });

    const row = await t.ctx.db
      .selectFrom("staff")
      .select("name")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.name).not.toBe("Renamed");
    expect(await auditRows(t, company.id, "staff.updated")).toEqual([]);
  });

  test("current email is accepted", async () => {
    const response = await patchMember({
      name: "Renamed",
      email: `  ${member.email.toUpperCase()} `,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe("Renamed");
    expect(response.json().email).toBe(member.email);
  });

  test("non-text email is rejected", async () => {
    const response = await patchMember({ email: 42 });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("email");
  });
});
