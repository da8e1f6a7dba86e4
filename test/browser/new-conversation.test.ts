import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
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

describe("new conversation errors", () => {
  it("clears the To error once the number changes", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    const to = dialog.getByRole("combobox", { name: "To" });
    await to.fill("555-01");
    await dialog.getByLabel("Message").fill("Hello");
    await dialog.getByRole("button", { name: "Send" }).click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[role="dialog"] input[role="combobox"]')
          ?.getAttribute("aria-invalid") === "true",
      undefined,
      { timeout: 10_000 },
    );
    const message = dialog.getByLabel("Message");

    await to.fill("(415) 555-0167");

    expect(await to.getAttribute("aria-invalid")).toBe("false");
    expect(await message.getAttribute("aria-invalid")).toBe("false");
    await dialog.getByRole("button", { name: "Send" }).click();
    await page
      .getByRole("heading", { level: 2, name: /\+1 415 555 0167/ })
      .waitFor({ timeout: 10_000 });
    await context.close();
  });
});

describe("a text Twilio failed to take", () => {
  it("shows the retry until it is sent", async () => {
    // Every attempt fails until the thread shows the retry. The backoff is
    // random, so only clearing the fault then makes the timing certain.
    stack.sandbox.state.faults.update({
      createMessage: { count: 1000, status: 500 },
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOwner(stack, page);

    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    await dialog.getByRole("combobox", { name: "To" }).fill("(415) 555-0168");
    await dialog.getByLabel("Message").fill("Your order is ready");
    await dialog.getByRole("button", { name: "Send" }).click();
    const thread = page.getByRole("region", { name: "Messages" });

    await expect
      .poll(() => thread.textContent(), { timeout: 15_000 })
      .toMatch(/Retrying.*Not sent yet: .* failed\..*Trying again at/);
    stack.sandbox.state.faults.clear();
    await expect
      .poll(() => thread.textContent(), { timeout: 40_000 })
      .toContain("Delivered");
    expect(await thread.textContent()).not.toContain("Not sent yet");
    expect(await thread.textContent()).not.toContain("Retrying");
    await context.close();
  }, 60_000);
});
