import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import { buildCompany } from "../../../../test/support/factories.js";
import { verifyPassword } from "../../auth/passwords.js";
import { AppError } from "../../errors.js";
import { createRole } from "../roles/role-creator.js";
import { createStaffMember } from "./staff-creator.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

describe("createStaffMember", () => {
  test("stores staff with hashed password", async () => {
    const company = await buildCompany(t.ctx);
    const role = await createRole(t.ctx, company.id, {
      name: "Front desk",
      permissions: ["sms-chat.send", "sms-chat.send"],
    });

    const staff = await createStaffMember(t.ctx, {
      companyId: company.id,
      roleId: role.id,
      name: " Grace ",
      email: "Grace@Example.com",
      password: "grace password",
      locationIds: company.locationIds,
    });

    expect(role.permissions).toBe('["sms-chat.send"]');
    expect(staff).toEqual({
      id: expect.any(String),
      name: "Grace",
      email: "grace@example.com",
    });
    const row = await t.ctx.db
      .selectFrom("staff")
      .selectAll()
      .where("id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword("grace password", row.password_hash)).toBe(
      true,
    );
    const locations = await t.ctx.db
      .selectFrom("staff_locations")
      .select("location_id")
      .where("staff_id", "=", staff.id)
      .execute();
    expect(locations.map((l) => l.location_id).sort()).toEqual(
      [...company.locationIds].sort(),
    );
  });

  test("rejects another company's location", async () => {
    const company = await buildCompany(t.ctx);
    const other = await buildCompany(t.ctx);

    const attempt = createStaffMember(t.ctx, {
      companyId: company.id,
      roleId: company.viewerRoleId,
      name: "Grace",
      email: "grace@example.com",
      password: "grace password",
      locationIds: [other.locationIds[0] ?? ""],
    });

    await expect(attempt).rejects.toMatchObject({
      statusCode: 400,
      field: "locationIds",
    });
  });

  test("rejects another company's role", async () => {
    const company = await buildCompany(t.ctx);
    const other = await buildCompany(t.ctx);

    const attempt = createStaffMember(t.ctx, {
      companyId: company.id,
      roleId: other.ownerRoleId,
      name: "Grace",
      email: "grace@example.com",
      password: "grace password",
      locationIds: [],
    });

    await expect(attempt).rejects.toMatchObject({
      statusCode: 400,
      field: "roleId",
    });
  });

  test("rejects a used email", async () => {
    const company = await buildCompany(t.ctx);
    const input = {
      companyId: company.id,
      roleId: company.viewerRoleId,
      name: "Grace",
      email: "grace@example.com",
      password: "grace password",
      locationIds: [],
    };
    await createStaffMember(t.ctx, input);

    const attempt = createStaffMember(t.ctx, {
      ...input,
      email: "GRACE@example.com",
    });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 409 });
  });

  test("rejects an email stored concurrently", async () => {
    const company = await buildCompany(t.ctx);
    const input = {
      companyId: company.id,
      roleId: company.viewerRoleId,
      name: "Grace",
      email: "grace@example.com",
      password: "grace password",
      locationIds: [],
    };
    const first = await t.ctx.db.startTransaction().execute();
    await createStaffMember({ db: first }, input);

    // Until the first transaction commits, the email check cannot see its
    // row, so on PostgreSQL the unique index rejects the second insert.
    // The insert can fail before the commit's own reply arrives, so the
    // rejection is awaited from before the commit.
    const attempt = createStaffMember(t.ctx, input);
    const rejected = expect(attempt).rejects.toBeInstanceOf(AppError);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await first.commit().execute();

    await rejected;
    await expect(attempt).rejects.toMatchObject({ statusCode: 409 });
  });
});
