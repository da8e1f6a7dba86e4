import type { Browser, Page } from "playwright-core";
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

async function linkedCustomerName(number: string): Promise<string | null> {
  const row = await stack.ctx.db
    .selectFrom("conversations")
    .leftJoin("customers", "customers.id", "conversations.customer_id")
    .select("customers.name")
    .where("conversations.customer_number", "=", number)
    .executeTakeFirst();

  return row?.name ?? null;
}

async function openLinkPicker(page: Page, number: RegExp) {
  const conversations = page.getByRole("navigation", {
    name: "Conversations",
  });
  await conversations
    .getByRole("link", { name: number })
    .click({ timeout: 15_000 });
  await page.getByRole("button", { name: "Link to customer" }).click();
}

describe("linking a conversation to a customer", () => {
  it("asks before linking another number", async () => {
    await createCustomer(stack.ctx, stack.companyId, {
      name: "Alan Turing",
      phone: "+44 20 7946 0958",
    });
    await receiveText(stack, "+14155550199", "Hello from the US");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await openLinkPicker(page, /\+1 415 555 0199/);

    const picker = page.getByRole("dialog");
    await picker.getByLabel("Search customers").fill("Alan");
    const option = picker.getByRole("button", { name: /Alan Turing/ });
    await option.waitFor({ timeout: 10_000 });
    expect(await option.textContent()).toContain(
      "+44 20 7946 0958 (a different number)",
    );
    await option.click();

    const confirm = page.getByRole("dialog", {
      name: "Link to Alan Turing, who has a different number?",
    });
    await confirm.waitFor({ timeout: 10_000 });
    expect(await confirm.textContent()).toContain(
      "This conversation is with +1 415 555 0199, but Alan Turing's number is +44 20 7946 0958.",
    );
    await confirm.getByRole("button", { name: "Choose someone else" }).click();
    await page
      .getByRole("dialog", { name: "Link this number to a customer" })
      .waitFor({ timeout: 10_000 });
    expect(await linkedCustomerName("+14155550199")).toBeNull();

    await picker.getByRole("button", { name: /Alan Turing/ }).click();
    await confirm.getByRole("button", { name: "Link anyway" }).click();
    await page
      .getByRole("heading", { level: 2, name: "Alan Turing" })
      .waitFor({ timeout: 10_000 });
    expect(await linkedCustomerName("+14155550199")).toBe("Alan Turing");
    await context.close();
  });

  it("links the same number without asking", async () => {
    await createCustomer(stack.ctx, stack.companyId, {
      name: "Rosa Diaz",
      phone: "+1 415 555 0198",
    });
    await receiveText(stack, "+14155550198", "Same number");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    const conversations = page.getByRole("navigation", {
      name: "Conversations",
    });
    await conversations
      .getByRole("link", { name: /Rosa Diaz/ })
      .click({ timeout: 15_000 });
    await page.getByRole("button", { name: "Change customer" }).click();

    const picker = page.getByRole("dialog");
    await picker.getByLabel("Search customers").fill("Rosa");
    const same = picker.getByRole("button", { name: /Rosa Diaz/ });
    await same.waitFor({ timeout: 10_000 });
    expect(await same.textContent()).toContain("(this conversation's number)");
    await same.click();

    await expect
      .poll(() => page.getByRole("dialog").count(), { timeout: 10_000 })
      .toBe(0);
    await expect
      .poll(() => linkedCustomerName("+14155550198"), { timeout: 10_000 })
      .toBe("Rosa Diaz");
    await context.close();
  });
});

describe("new conversation recipient", () => {
  it("finds a customer by name and fills the number", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    const to = dialog.getByRole("combobox", { name: "To" });
    await to.fill("maya");
    const option = page.getByRole("option", { name: /Maya Rivera/ });
    await option.waitFor({ timeout: 10_000 });
    expect(await option.textContent()).toContain("+1 415 555 0142");
    await option.click();

    expect(await to.inputValue()).toBe("+14155550142");
    expect(await dialog.textContent()).toContain("Texting Maya Rivera.");
    await dialog.getByLabel("Message").fill("Your tour starts at 9.");
    await dialog.getByRole("button", { name: "Send" }).click();
    await page
      .getByRole("heading", { level: 2, name: "Maya Rivera" })
      .waitFor({ timeout: 10_000 });
    await context.close();
  });

  it("still takes a typed number", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    const to = dialog.getByRole("combobox", { name: "To" });
    await to.fill("(415) 555-0166");
    await dialog.getByLabel("Message").fill("Hello");
    expect(await to.inputValue()).toBe("(415) 555-0166");
    await dialog.getByRole("button", { name: "Send" }).click();
    await page
      .getByRole("heading", { level: 2, name: /\+1 415 555 0166/ })
      .waitFor({ timeout: 10_000 });
    await context.close();
  });
});
