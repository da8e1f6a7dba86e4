import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

async function signIn(
  page: Page,
  account: { email: string; password: string },
) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
}

const TSV_WITH_EXTENSION = [
  "Name\tPhone",
  "Front Desk\t(415) 555-0181 ext. 5",
].join("\r\n");

describe("customers page by role", () => {
  it("shows staff a read-only list with search", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo.viewer);

    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Customers" }).click();
    await page.waitForURL(/\/customers$/);
    const list = page.getByRole("list", { name: "Customers" });
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .toContain("Maya Rivera");

    await page.getByLabel("Search customers").fill("jon");
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .not.toContain("Maya Rivera");
    expect(await list.textContent()).toContain("Jon Park");
    expect(await page.getByText("No access").count()).toBe(0);
    for (const name of ["Add customer", "Import CSV"]) {
      expect(await page.getByRole("button", { name }).count()).toBe(0);
    }
    expect(
      await page.getByRole("button", { name: /^(Edit|Delete) / }).count(),
    ).toBe(0);
    await context.close();
  });

  it("rejects an exact duplicate in the form", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo.owner);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Add customer" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("  maya RIVERA ");
    await dialog.getByLabel("Phone number").fill("+1 415 555 0142");
    await dialog.getByRole("button", { name: "Add customer" }).click();

    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toContain("Maya Rivera with +14155550142 is already a customer");
    const rows = await stack.ctx.db
      .selectFrom("customers")
      .select("id")
      .where("phone_e164", "=", "+14155550142")
      .execute();
    expect(rows).toHaveLength(1);
    await context.close();
  });

  it("imports a tab-separated file with an extension", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo.owner);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "customers.tsv",
      mimeType: "text/tab-separated-values",
      buffer: Buffer.from(TSV_WITH_EXTENSION),
    });

    const preview = page.getByRole("table", { name: "Import preview" });
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toContain("The extension 5 was dropped");
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("customers.tsv: 1 row.");

    await page.getByRole("button", { name: "Import 1 customer" }).click();
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toContain("Added 1 customer. 1 row was imported with a change");
    const noted = page.getByRole("table", {
      name: "Rows imported with a change",
    });
    expect(await noted.textContent()).toContain("Front Desk");
    await context.close();
  });
});
