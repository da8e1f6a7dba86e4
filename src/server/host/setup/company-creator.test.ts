import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import { pluginCatalogue } from "../../plugin-catalogue.js";
import { createCompanyWithOwner } from "./company-creator.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

const input = {
  companyName: "Acme",
  country: "US",
  ownerName: "Ada",
  ownerEmail: "ada@example.com",
  password: "ada password",
};

async function countCompanies(): Promise<number> {
  const rows = await t.ctx.db.selectFrom("companies").select("id").execute();

  return rows.length;
}

describe("createCompanyWithOwner", () => {
  test("creates several companies for seeding", async () => {
    const first = await createCompanyWithOwner(t.ctx, input, {
      catalogue: pluginCatalogue,
    });
    const second = await createCompanyWithOwner(
      t.ctx,
      { ...input, ownerEmail: "grace@example.com" },
      { catalogue: pluginCatalogue },
    );

    expect(second.company.id).not.toBe(first.company.id);
    expect(await countCompanies()).toBe(2);
  });

  test("first run only rejects a second", async () => {
    await createCompanyWithOwner(t.ctx, input, { catalogue: pluginCatalogue });

    const attempt = createCompanyWithOwner(
      t.ctx,
      { ...input, ownerEmail: "grace@example.com" },
      { catalogue: pluginCatalogue, firstRunOnly: true },
    );

    await expect(attempt).rejects.toMatchObject({ code: "setup_already_done" });
  });

  test("failure rolls everything back", async () => {
    await createCompanyWithOwner(t.ctx, input, { catalogue: pluginCatalogue });

    const attempt = createCompanyWithOwner(
      t.ctx,
      { ...input, companyName: "Duplicate owner" },
      { catalogue: pluginCatalogue },
    );

    await expect(attempt).rejects.toMatchObject({ statusCode: 409 });
    expect(await countCompanies()).toBe(1);
    const roles = await t.ctx.db.selectFrom("roles").select("id").execute();
    expect(roles).toHaveLength(2);
  });

  test("owner role gets every permission", async () => {
    const created = await createCompanyWithOwner(t.ctx, input, {
      catalogue: [
        ...pluginCatalogue,
        {
          id: "extra",
          name: "Extra",
          description: "",
          permissions: [{ key: "extra.use", label: "", description: "" }],
          setupPath: "/",
          registerRoutes: () => {},
        },
      ],
    });

    const role = await t.ctx.db
      .selectFrom("roles")
      .select("permissions")
      .where("id", "=", created.roles.owner.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(role.permissions)).toEqual([
      "company.manage",
      "sms-chat.send",
      "extra.use",
    ]);
  });
});
