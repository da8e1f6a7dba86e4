import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demo,
  launchChromium,
  signInAsOwner,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** A valid auth token that differs from the demo account's. */
const ROTATED_TOKEN = "fedcba9876543210fedcba9876543210";

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

/** Gives the demo account on the sandbox a new auth token. */
function rotateDemoToken(): void {
  const account = stack.sandbox.state.accounts.get(demo.accountSid);
  if (!account) throw new Error("The demo account is missing.");

  account.authToken = ROTATED_TOKEN;
}

function badge(page: Page, label: string) {
  return page.getByText(label, { exact: true });
}

describe("twilio connection badge in a real browser", () => {
  it("shows rejected credentials until saved", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);
    await page.goto(`${stack.baseUrl}/settings`);
    await badge(page, "Connected").waitFor();
    rotateDemoToken();

    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/\(Twilio error 20003\)/).waitFor();
    await badge(page, "Rejected by Twilio").waitFor();
    const advice = page.getByRole("alert", {
      name: "Twilio credentials rejected",
    });

    expect(await badge(page, "Connected").count()).toBe(0);
    expect(await advice.textContent()).toMatch(
      /Copy the current auth token from the Twilio Console, enter it below and save\./,
    );
    expect(await advice.textContent()).toMatch(
      /when they were checked today at /,
    );
    expect(await advice.locator("time").getAttribute("datetime")).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );

    await page.reload();
    await badge(page, "Rejected by Twilio").waitFor();

    expect(await badge(page, "Connected").count()).toBe(0);

    await page.getByLabel("Auth token").fill(ROTATED_TOKEN);
    await page.getByRole("button", { name: "Save" }).nth(1).click();
    await badge(page, "Connected").waitFor();

    expect(await badge(page, "Rejected by Twilio").count()).toBe(0);
    expect(await advice.count()).toBe(0);

    await page.reload();
    await badge(page, "Connected").waitFor();

    expect(await badge(page, "Rejected by Twilio").count()).toBe(0);
    await context.close();
  });
});
