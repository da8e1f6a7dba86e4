import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { createContext } from "../../src/server/create-context.js";
import { buildTestConfig } from "../support/context.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));
const NEW_PASSWORD = "a fresh demo password";

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
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.viewer.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page };
}

function helperTexts(page: Page): Promise<string[]> {
  return page.locator(".MuiFormHelperText-root.Mui-error").allTextContents();
}

describe("change password in a real browser", () => {
  it("changes it from the account menu", async () => {
    const { context, page } = await signIn(demo.viewer.password);
    const other = await signIn(demo.viewer.password);

    await page.getByRole("button", { name: /^Account of / }).click();
    await page.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = page.getByRole("dialog", { name: "Change password" });
    const submit = dialog.getByRole("button", { name: "Change password" });

    await dialog.getByLabel(/^New password/).fill("short");
    await submit.click();
    expect(await helperTexts(page)).toEqual([
      "Enter your current password.",
      "Use a password of at least 10 characters.",
      "The two new passwords differ. Type it again.",
    ]);

    await dialog.getByLabel(/^Current password/).fill("not the password");
    await dialog.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await dialog.getByLabel(/^Repeat new password/).fill(NEW_PASSWORD);
    await submit.click();
    await dialog.getByText("The current password is incorrect.").waitFor();

    await dialog.getByLabel(/^Current password/).fill(demo.viewer.password);
    await submit.click();
    await page.getByText(/Password changed/).waitFor();
    await dialog.waitFor({ state: "detached" });

    await other.page.reload();
    await other.page.waitForURL(/\/login/);
    await page.reload();
    await page.getByRole("button", { name: /^Account of / }).waitFor();
    await context.close();
    await other.context.close();

    const again = await signIn(NEW_PASSWORD);
    await again.context.close();
  });
});

describe("first-run setup in a real browser", () => {
  it("shows every field's error at once", async () => {
    const config = buildTestConfig({ PUBLIC_URL: "http://127.0.0.1" });
    const ctx = await createContext(config);
    const app = await buildApp(ctx, { webDir: WEB_DIR });
    const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/setup`);
      await page.getByLabel(/^Company name/).fill("Acme Dental");
      await page.getByLabel(/^Email/).fill("ada@");
      await page.getByLabel(/^Password/).fill("short");

      await page.getByRole("button", { name: "Create company" }).click();

      expect(await helperTexts(page)).toEqual([
        "Enter the owner's name.",
        "Enter a valid email address, such as ada@example.com.",
        "Use a password of at least 10 characters.",
      ]);
      const companies = await ctx.db
        .selectFrom("companies")
        .select("id")
        .execute();
      expect(companies).toEqual([]);
    } finally {
      await context.close();
      await app.close();
      await ctx.db.destroy();
    }
  });
});
