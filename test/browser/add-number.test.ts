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

/** The demo account's number that is not in the inbox. */
const SPARE_NUMBER = "+14155550122";
/** A number put on the demo account while the setup page is open. */
const NEW_NUMBER = "+14155550133";
const EMPTY_LIST_TEXT =
  "Every SMS-capable number on your connected Twilio account is already in the inbox.";

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

/** Signs the owner in, in a new browser context, and opens the setup page. */
async function openSetup(
  beforeOpen?: (page: Page) => Promise<unknown>,
): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await signInAsOwner(stack, page);
  await beforeOpen?.(page);
  await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);

  return page;
}

function phoneField(page: Page): Locator {
  return page.getByRole("combobox", { name: "Phone number" });
}

function emptyListNotice(page: Page): Locator {
  return page.getByRole("status", { name: "No numbers to add" });
}

function releaseSpareNumber(): void {
  const spare = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((number) => number.phoneNumber === SPARE_NUMBER);
  if (!spare) throw new Error(`${SPARE_NUMBER} is not in the sandbox.`);

  stack.sandbox.state.releaseNumber(demo.accountSid, spare.sid);
}

// The tests share the demo company and run in order. From the third test on,
// the spare number is no longer on the Twilio account.
describe("add number picker in a real browser", () => {
  it("offers the spare number", async () => {
    const page = await openSetup();
    try {
      await page
        .getByText("Pick one of your Twilio account's numbers, or type one.")
        .waitFor();
      await phoneField(page).click();
      const options = page.getByRole("option");
      await options.first().waitFor();

      expect(await options.allTextContents()).toEqual([
        expect.stringContaining(formatPhoneNumber(SPARE_NUMBER)),
      ]);
      expect(await emptyListNotice(page).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("warns when the list fails", async () => {
    const account = stack.sandbox.state.accounts.get(demo.accountSid);
    if (!account) throw new Error("The demo account is missing.");
    account.authToken = "0000000000000000000000000000000f";

    const page = await openSetup();
    try {
      const warning = page
        .getByRole("alert")
        .filter({ hasText: "could not be loaded" });
      await warning.waitFor();

      // Typing a number would fail the same way, so the warning does not
      // suggest it.
      expect(await warning.textContent()).toBe(
        "The numbers on the Twilio account could not be loaded. Twilio rejected the Account SID or auth token. Check the Twilio connection in company settings.",
      );
      expect(await emptyListNotice(page).count()).toBe(0);
    } finally {
      account.authToken = demo.authToken;
      await context.close();
    }
  });

  it("says when no number is left", async () => {
    releaseSpareNumber();
    let releaseList = () => {};
    const listReleased = new Promise<void>((resolve) => {
      releaseList = resolve;
    });

    const page = await openSetup((target) =>
      target.route(/\/available-numbers$/, async (route) => {
        await listReleased;
        await route.continue();
      }),
    );
    try {
      await page
        .getByText("Loading the numbers on your Twilio account…")
        .waitFor();
      expect(await emptyListNotice(page).count()).toBe(0);

      releaseList();
      const notice = emptyListNotice(page);
      await notice.waitFor();

      expect(await notice.textContent()).toBe(
        `${EMPTY_LIST_TEXT} A number you buy or port in the Twilio console is listed here the next time this page loads. You can also type it below.`,
      );
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(await phoneField(page).isEditable()).toBe(true);
    } finally {
      releaseList();
      await context.close();
    }
  });

  it("adds and removes a typed number", async () => {
    const page = await openSetup();
    try {
      await emptyListNotice(page).waitFor();
      stack.sandbox.state.addNumber(demo.accountSid, {
        phoneNumber: NEW_NUMBER,
      });

      await phoneField(page).fill(NEW_NUMBER);
      await page.getByRole("button", { name: "Add number" }).click();
      const numbers = page.getByRole("list", { name: "Inbox numbers" });
      await numbers.getByText(formatPhoneNumber(NEW_NUMBER)).waitFor();

      expect(await phoneField(page).inputValue()).toBe("");
      await emptyListNotice(page).waitFor();
      expect(await emptyListNotice(page).textContent()).toContain(
        EMPTY_LIST_TEXT,
      );

      // Once removed from the inbox, the number is offered again.
      const shownNumber = formatPhoneNumber(NEW_NUMBER);
      await page.getByRole("button", { name: `Remove ${shownNumber}` }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("button", { name: "Remove" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "was removed" })
        .waitFor();
      await emptyListNotice(page).waitFor({ state: "detached" });
      await phoneField(page).click();
      const options = page.getByRole("option");
      await options.first().waitFor();

      expect(await options.allTextContents()).toEqual([
        expect.stringContaining(shownNumber),
      ]);
    } finally {
      await context.close();
    }
  });

  it("says the account has no SMS numbers", async () => {
    const numbers = stack.sandbox.state.numbersOf(demo.accountSid);
    for (const number of numbers) number.capabilities.sms = false;

    const page = await openSetup();
    try {
      const notice = emptyListNotice(page);
      await notice.waitFor();

      expect(await notice.textContent()).toContain(
        "Your connected Twilio account has no SMS-capable numbers.",
      );
      expect(await notice.textContent()).not.toContain(EMPTY_LIST_TEXT);
    } finally {
      for (const number of numbers) number.capabilities.sms = true;
      await context.close();
    }
  });
});
