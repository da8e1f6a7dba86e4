import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import {
  launchChromium,
  receiveText,
  signInAsOwner,
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

const CSV_WITH_BAD_ROW = [
  "Full Name;Mobile",
  '"Okafor, Chidi";(415) 555-0191',
  "Bad Number;12ab",
  "Lena Berg;+1 415 555 0192",
].join("\r\n");

describe("customers in a real browser", () => {
  it("imports a CSV and reports the bad row", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV_WITH_BAD_ROW),
    });

    const preview = page.getByRole("table", { name: "Import preview" });
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toContain('"12ab" is not a valid phone number');
    expect(await preview.textContent()).toContain("Adds +14155550191");

    await page.getByRole("button", { name: "Import 2 customers" }).click();
    const dialog = page.getByRole("dialog");
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toContain("Added 2 customers.");
    const skipped = page.getByRole("table", { name: "Skipped rows" });
    expect(await skipped.textContent()).toContain("Bad Number");
    await page.getByRole("button", { name: "Done" }).click();

    const list = page.getByRole("list", { name: "Customers" });
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .toContain("Okafor, Chidi");
    expect(await list.textContent()).toContain("Lena Berg");
    await context.close();
  });

  it("picks between customers sharing a number", async () => {
    const { companyId } = stack;
    const shared = "+14155550193";
    await createCustomer(stack.ctx, companyId, {
      name: "Sam Lee",
      phone: shared,
    });
    await createCustomer(stack.ctx, companyId, {
      name: "Alex Lee",
      phone: shared,
    });
    await receiveText(stack, shared, "Who am I?");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    const conversations = page.getByRole("navigation", {
      name: "Conversations",
    });
    await conversations
      .getByRole("link", { name: /Alex Lee or 1 other/ })
      .click({ timeout: 15_000 });
    await page.getByRole("button", { name: "Choose customer" }).click();
    await page.getByRole("menuitem", { name: "Sam Lee" }).click();

    const heading = page.getByRole("heading", { level: 2, name: "Sam Lee" });
    await heading.waitFor({ timeout: 10_000 });
    await conversations
      .getByRole("link", { name: /Sam Lee/ })
      .waitFor({ timeout: 10_000 });
    const stored = await stack.ctx.db
      .selectFrom("conversations")
      .innerJoin("customers", "customers.id", "conversations.customer_id")
      .select("customers.name")
      .where("conversations.customer_number", "=", shared)
      .executeTakeFirst();
    expect(stored?.name).toBe("Sam Lee");
    await context.close();
  });

  it("adds a customer from an unknown number", async () => {
    await receiveText(stack, "+14155550194", "New here");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    const conversations = page.getByRole("navigation", {
      name: "Conversations",
    });
    await conversations
      .getByRole("link", { name: /\+1 415 555 0194/ })
      .click({ timeout: 15_000 });
    await page.getByRole("button", { name: "Add customer" }).click();
    const phone = page.getByLabel("Phone number");
    expect(await phone.inputValue()).toBe("+14155550194");
    await page.getByLabel("Name").fill("Noor Haddad");
    await page.getByRole("button", { name: "Add customer" }).last().click();

    const heading = page.getByRole("heading", {
      level: 2,
      name: "Noor Haddad",
    });
    await heading.waitFor({ timeout: 10_000 });
    await conversations
      .getByRole("link", { name: /Noor Haddad/ })
      .waitFor({ timeout: 10_000 });
    await context.close();
  });
});
