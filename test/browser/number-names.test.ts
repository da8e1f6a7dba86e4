import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import {
  demo,
  launchChromium,
  signInAsOwner,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const MAIN = formatPhoneNumber(demo.mainNumber);
const SECOND = formatPhoneNumber(demo.secondNumber);

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openPage(path: string): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await signInAsOwner(stack, page);
  await page.goto(`${stack.baseUrl}${path}`);

  return page;
}

function numberRow(page: Page, formatted: string): Locator {
  return page
    .getByRole("list", { name: "Inbox numbers" })
    .getByRole("listitem", { name: formatted });
}

// The tests share the demo company and run in order: the second renames
// the demo's second number, which the third expects in the From menu.
describe("inbox number names in a real browser", () => {
  it("shows Twilio's names in the numbers list", async () => {
    const page = await openPage("/plugins/sms-chat/setup");
    try {
      await numberRow(page, MAIN).waitFor();

      expect(await numberRow(page, MAIN).textContent()).toContain("Front desk");
      expect(await numberRow(page, SECOND).textContent()).toContain("Repairs");
    } finally {
      await context.close();
    }
  });

  it("keeps row actions clear of the text at 390 px", async () => {
    const page = await openPage("/plugins/sms-chat/setup");
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const row = numberRow(page, SECOND);
      await row.waitFor();
      const text = await row.getByText("Added for the inbox.").boundingBox();
      const rename = await row
        .getByRole("button", { name: `Rename ${SECOND}` })
        .boundingBox();

      expect(text).not.toBeNull();
      expect(rename).not.toBeNull();
      // The buttons wrap below the text instead of covering its end.
      expect(rename!.y).toBeGreaterThanOrEqual(text!.y + text!.height);
      expect(rename!.x + rename!.width).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  });

  it("renames a number in the list", async () => {
    const page = await openPage("/plugins/sms-chat/setup");
    try {
      const row = numberRow(page, SECOND);
      await row.getByRole("button", { name: `Rename ${SECOND}` }).click();
      const field = row.getByLabel(`Name of ${SECOND}`);

      await field.fill("x".repeat(65));
      await row.getByRole("button", { name: "Save" }).click();
      await row
        .getByText(
          "A number's name has at most 64 characters; this one has 65.",
        )
        .waitFor();

      await field.fill("Warranty desk");
      await row.getByRole("button", { name: "Save" }).click();
      await row.getByRole("button", { name: `Rename ${SECOND}` }).waitFor();

      expect(await row.textContent()).toContain("Warranty desk");
      expect(await row.textContent()).not.toContain("Repairs");
    } finally {
      await context.close();
    }
  });

  it("shows the names in the From menu", async () => {
    const page = await openPage("/inbox");
    try {
      await page.getByRole("button", { name: "New conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "New conversation" });
      const options = dialog.getByLabel("From").locator("option");
      await options.first().waitFor({ state: "attached" });

      expect(await options.allTextContents()).toEqual([
        `Front desk · ${MAIN} (default)`,
        `Warranty desk · ${SECOND}`,
      ]);
    } finally {
      await context.close();
    }
  });
});
