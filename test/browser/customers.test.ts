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

/** Names of the demo company's customers with the E.164 number, sorted. */
async function namesOnNumber(phoneE164: string): Promise<string[]> {
  const rows = await stack.ctx.db
    .selectFrom("customers")
    .select("name")
    .where("company_id", "=", stack.companyId)
    .where("phone_e164", "=", phoneE164)
    .execute();

  return rows.map((row) => row.name).sort();
}

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
      confirmSharedPhone: true,
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
    const choose = page.getByRole("button", { name: "Choose customer" });
    await choose.click();
    const menu = page.getByRole("menu");
    expect(await menu.textContent()).toContain(
      "Customers with +1 415 555 0193",
    );
    expect(
      await page.getByRole("button", { name: "Someone else" }).count(),
    ).toBe(0);

    await page.getByRole("menuitem", { name: "Search all customers…" }).click();
    const picker = page.getByRole("dialog", {
      name: "Link this number to another customer",
    });
    await picker.waitFor({ timeout: 10_000 });
    await picker.getByRole("button", { name: "Cancel" }).click();
    await picker.waitFor({ state: "detached", timeout: 10_000 });

    await choose.click();
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

  it("warns about a shared number and saves anyway", async () => {
    const shared = "+14155550187";
    await createCustomer(stack.ctx, stack.companyId, {
      name: "Carla Gomez",
      phone: shared,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Add customer" }).click();
    const dialog = page.getByRole("dialog", { name: "New customer" });
    await dialog.getByLabel("Name").fill("Carlos Gomez");
    await dialog.getByLabel("Phone number").fill("(415) 555-0187");
    await dialog.getByRole("button", { name: "Add customer" }).click();

    const warning = dialog.getByRole("alert");
    await expect
      .poll(() => warning.textContent(), { timeout: 10_000 })
      .toContain("Carla Gomez already has +1 415 555 0187.");
    expect(
      await dialog.getByRole("button", { name: "Open Carla Gomez" }).count(),
    ).toBe(1);
    expect(await namesOnNumber(shared)).toEqual(["Carla Gomez"]);

    await dialog.getByRole("button", { name: "Save anyway" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    expect(await namesOnNumber(shared)).toEqual([
      "Carla Gomez",
      "Carlos Gomez",
    ]);
    const list = page.getByRole("list", { name: "Customers" });
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .toContain("Carlos Gomez");

    await page.goto(`${stack.baseUrl}/audit`);
    const log = page.getByRole("table", { name: "Audit log" });
    const entry = log.getByRole("row").filter({ hasText: "Carlos Gomez" });
    await expect
      .poll(() => entry.textContent(), { timeout: 10_000 })
      .toContain("Confirmed sharing the number with: Carla Gomez");
    await context.close();
  });

  it("opens the customer who has the number", async () => {
    await createCustomer(stack.ctx, stack.companyId, {
      name: "Marta Ruiz",
      phone: "+14155550188",
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Add customer" }).click();
    const dialog = page.getByRole("dialog", { name: "New customer" });
    await dialog.getByLabel("Name").fill("Mario Ruiz");
    await dialog.getByLabel("Phone number").fill("415 555 0188");
    await dialog.getByRole("button", { name: "Add customer" }).click();
    await dialog
      .getByRole("button", { name: "Open Marta Ruiz" })
      .click({ timeout: 10_000 });

    const edit = page.getByRole("dialog", { name: "Edit customer" });
    await edit.waitFor({ timeout: 10_000 });
    expect(await edit.getByLabel("Name").inputValue()).toBe("Marta Ruiz");
    expect(await namesOnNumber("+14155550188")).toEqual(["Marta Ruiz"]);
    await context.close();
  });

  it("skips an imported row whose number is on file", async () => {
    await createCustomer(stack.ctx, stack.companyId, {
      name: "Inés Vidal",
      phone: "+14155550189",
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await page.goto(`${stack.baseUrl}/customers`);

    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "shared.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("name,phone\nIvan Vidal,415 555 0189\n"),
    });
    const dialog = page.getByRole("dialog");
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toContain(
        "1 row will be skipped because another customer already has its number.",
      );
    const preview = page.getByRole("table", { name: "Import preview" });
    expect(await preview.textContent()).toContain(
      "Inés Vidal already has +1 415 555 0189. This row is skipped.",
    );
    expect(await namesOnNumber("+14155550189")).toEqual(["Inés Vidal"]);
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
