import type { Browser, BrowserContext, Page } from "playwright-core";
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

/**
 * Opens a signed-in owner page that records Content-Security-Policy
 * violations, which Chromium reports as console errors.
 */
async function ownerPage(): Promise<{
  context: BrowserContext;
  page: Page;
  violations: string[];
}> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /Content Security Policy/i.test(text)) {
      violations.push(text);
    }
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page, violations };
}

describe("settings and setup in a real browser", () => {
  it("clears a stale connection test", async () => {
    const { context, page, violations } = await ownerPage();
    await page.goto(`${stack.baseUrl}/settings`);
    const success = page.getByText(/Connected to the Twilio account/);
    const testButton = page.getByRole("button", { name: "Test connection" });

    await testButton.click();
    await success.waitFor();
    await page.getByLabel("Default number").fill("+14155550122");
    await success.waitFor({ state: "detached" });

    await testButton.click();
    await success.waitFor();
    await page.getByRole("button", { name: "Save" }).nth(1).click();
    await page.getByText("Saved").last().waitFor();

    expect(await success.count()).toBe(0);
    const saved = await stack.ctx.db
      .selectFrom("twilio_connections")
      .select("default_number")
      .executeTakeFirstOrThrow();
    expect(saved.default_number).toBe("+14155550122");
    expect(violations).toEqual([]);
    await context.close();
  });

  it("confirms before removing a number", async () => {
    const { context, page, violations } = await ownerPage();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const numbers = page.getByRole("list", { name: "Inbox numbers" });
    // The first test changed the default, so the old one is an added number.
    const remove = numbers.getByRole("button", {
      name: "Remove +1 415 555 0111",
    });

    await remove.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain("will stop arriving in the inbox");
    expect(text).toContain("will go out from the default number");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await remove.count()).toBe(1);

    await remove.click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Remove" })
      .click();
    await remove.waitFor({ state: "detached" });

    const added = await stack.ctx.db
      .selectFrom("inbox_numbers")
      .select("phone_number")
      .execute();
    expect(added).toEqual([{ phone_number: demo.mainNumber }]);
    expect(violations).toEqual([]);
    await context.close();
  });
});
