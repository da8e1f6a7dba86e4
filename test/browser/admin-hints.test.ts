import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffMember } from "../../src/server/host/staff/staff-creator.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signedInOwner(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return page;
}

async function demoCompany(): Promise<{ companyId: string; roleId: string }> {
  const role = await stack.ctx.db
    .selectFrom("roles")
    .select(["company_id", "id"])
    .where("name", "=", "Staff")
    .executeTakeFirstOrThrow();

  return { companyId: role.company_id, roleId: role.id };
}

describe("admin hints", () => {
  it("staff list explains a missing location", async () => {
    const { companyId, roleId } = await demoCompany();
    await createStaffMember(stack.ctx, {
      companyId,
      roleId,
      name: "Lou Nowhere",
      email: "lou@demo.test",
      password: "lou-nowhere-2026",
      locationIds: [],
    });
    const page = await signedInOwner();

    await page.goto(`${stack.baseUrl}/staff`);
    const row = page.getByRole("row").filter({ hasText: "Lou Nowhere" });

    await expect
      .poll(() => row.textContent())
      .toContain("Cannot see the inbox until given a location");
    const owners = page.getByRole("row").filter({ hasText: demo.owner.email });
    expect(await owners.textContent()).not.toContain("Cannot see the inbox");
    await row.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Works at").waitFor();
    expect(await dialog.textContent()).toContain(
      "With no location, they cannot see the inbox.",
    );
    await page.context().close();
  });

  it("locations page shows a taken name", async () => {
    const page = await signedInOwner();
    await page.goto(`${stack.baseUrl}/locations`);

    await page.getByLabel("New location").fill(" harbor LOCATION ");
    await page.getByRole("button", { name: "Add location" }).click();

    await expect
      .poll(() => page.getByText(/already exists/).textContent())
      .toContain('A location named "Harbor location" already exists');
    await page.context().close();
  });

  it("setup page can end the previous URL", async () => {
    const page = await signedInOwner();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);

    await page.getByText("URL without a token, for older setups").waitFor();
    expect(await page.getByText("Numbers set up earlier").count()).toBe(0);
    await page.getByRole("button", { name: "Rotate token" }).first().click();
    const rotateDialog = page.getByRole("dialog");
    expect(await rotateDialog.textContent()).toContain(
      "cannot be rotated again during those 24 hours",
    );
    await rotateDialog.getByRole("button", { name: "Rotate token" }).click();
    const stop = page.getByRole("button", { name: "Stop accepting it now" });
    await stop.click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Stop accepting it" })
      .click();

    await stop.waitFor({ state: "detached" });
    const rotate = page.getByRole("button", { name: "Rotate token" });
    expect(await rotate.isEnabled()).toBe(true);
    await page.context().close();
  });
});
