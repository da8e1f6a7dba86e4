import { randomBytes } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import {
  demo,
  demoNumberLabel,
  launchChromium,
  signInAsOwner,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** A number on the demo's Twilio account that is not in the inbox. */
const REMOVED_NUMBER = "+14155550122";

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

function uniqueNumber(): string {
  return `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}

interface Text {
  direction: "inbound" | "outbound";
  /** The company number the text used. */
  number: string;
  body: string;
}

/**
 * Stores `texts` with `customer`, one minute apart and ending a minute ago,
 * as the webhook and the outbox would.
 */
async function recordTexts(customer: string, texts: Text[]) {
  const start = Date.now() - texts.length * 60_000;
  for (const [index, text] of texts.entries()) {
    const inbound = text.direction === "inbound";
    await stack.ctx.db.transaction().execute((trx) =>
      recordMessage(trx, {
        companyId: stack.companyId,
        customerNumber: customer,
        inboxNumber: text.number,
        direction: text.direction,
        twilioSid: `SM${randomBytes(16).toString("hex")}`,
        from: inbound ? customer : text.number,
        to: inbound ? text.number : customer,
        body: text.body,
        status: inbound ? "received" : "delivered",
        sentByStaffId: null,
        media: [],
        createdAt: new Date(start + index * 60_000).toISOString(),
      }),
    );
  }
}

/** Stores a conversation that used both demo numbers, ending on the main one. */
async function recordTwoNumberThread(customer: string): Promise<Text[]> {
  const texts: Text[] = [
    { direction: "inbound", number: demo.mainNumber, body: "Is 10am on?" },
    { direction: "outbound", number: demo.mainNumber, body: "Yes, it is." },
    { direction: "outbound", number: demo.secondNumber, body: "Moved to 11." },
    { direction: "inbound", number: demo.mainNumber, body: "Thanks!" },
  ];
  await recordTexts(customer, texts);

  return texts;
}

async function openPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await signInAsOwner(stack, page);

  return page;
}

async function openConversation(page: Page, name: string | RegExp) {
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name })
    .click({ timeout: 15_000 });
}

function messageItems(page: Page): Locator {
  return page.getByRole("region", { name: "Messages" }).getByRole("listitem");
}

/** Waits for the thread to show `count` messages and returns their texts. */
async function messageTexts(page: Page, count: number): Promise<string[]> {
  await messageItems(page)
    .nth(count - 1)
    .waitFor({ timeout: 15_000 });
  expect(await messageItems(page).count()).toBe(count);

  return messageItems(page).allTextContents();
}

/** Returns the element's box, failing when it is missing or zero-sized. */
async function visibleBox(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.width ?? 0).toBeGreaterThan(0);
  expect(box?.height ?? 0).toBeGreaterThan(0);

  return box ?? { x: 0, y: 0, width: 0, height: 0 };
}

/** True when the text overflows its box, as with an ellipsis. */
async function isTruncated(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) =>
      element.scrollWidth > element.clientWidth ||
      element.scrollHeight > element.clientHeight,
  );
}

function threadHeader(page: Page): Locator {
  return page.locator("header", {
    has: page.getByRole("heading", { level: 2 }),
  });
}

describe("company numbers in a thread", () => {
  it("shows each message's named number", async () => {
    const customer = uniqueNumber();
    const texts = await recordTwoNumberThread(customer);
    const page = await openPage(1280);
    try {
      await openConversation(page, new RegExp(customer.slice(-4)));
      const itemTexts = await messageTexts(page, texts.length);

      for (const [index, text] of texts.entries()) {
        expect(itemTexts[index]).toContain(text.body);
        expect(itemTexts[index]).toContain(
          `via ${demoNumberLabel(text.number)}`,
        );
      }
      const main = demoNumberLabel(demo.mainNumber);
      const second = demoNumberLabel(demo.secondNumber);
      const labels = messageItems(page).getByTitle(/^(Sent from|Received on)/);
      expect(await labels.nth(0).getAttribute("title")).toBe(
        `Received on ${main}`,
      );
      expect(await labels.nth(1).getAttribute("title")).toBe(
        `Sent from ${main}`,
      );
      expect(await labels.nth(2).getAttribute("title")).toBe(
        `Sent from ${second}. The message before used ${main}.`,
      );
      expect(await labels.nth(3).getAttribute("title")).toBe(
        `Received on ${main}. The message before used ${second}.`,
      );
    } finally {
      await page.close();
    }
  });

  it("shows no number with one number", async () => {
    const customer = uniqueNumber();
    await recordTexts(customer, [
      { direction: "inbound", number: demo.secondNumber, body: "Hello" },
      { direction: "outbound", number: demo.secondNumber, body: "Hi there" },
    ]);
    const page = await openPage(1280);
    try {
      await openConversation(page, new RegExp(customer.slice(-4)));
      const itemTexts = await messageTexts(page, 2);

      for (const text of itemTexts) {
        expect(text).not.toContain("via");
      }
      const via = threadHeader(page).getByText(
        `via ${demoNumberLabel(demo.secondNumber)}`,
      );
      await visibleBox(via);
    } finally {
      await page.close();
    }
  });

  it("shows the reply number in full at 390 px", async () => {
    const customer = uniqueNumber();
    const name = "Dana Whitfield";
    await createCustomer(stack.ctx, stack.companyId, { name, phone: customer });
    const texts = await recordTwoNumberThread(customer);
    const page = await openPage(390);
    try {
      await openConversation(page, new RegExp(name));
      await messageTexts(page, texts.length);

      const via = threadHeader(page).getByText(
        `via ${demoNumberLabel(demo.mainNumber)}`,
      );
      const viaBox = await visibleBox(via);
      expect(viaBox.x).toBeGreaterThanOrEqual(0);
      expect(viaBox.x + viaBox.width).toBeLessThanOrEqual(390);
      expect(await isTruncated(via)).toBe(false);
      const numbers = threadHeader(page).getByText(
        `${formatPhoneNumber(customer)} · via ${demoNumberLabel(demo.mainNumber)}`,
      );
      expect(await isTruncated(numbers)).toBe(false);

      const labels = messageItems(page).getByText(/^· via /);
      expect(await labels.count()).toBe(texts.length);
      for (const label of await labels.all()) {
        const box = await visibleBox(label);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.close();
    }
  });

  it("shows the default number after removal", async () => {
    const customer = uniqueNumber();
    await recordTexts(customer, [
      { direction: "inbound", number: REMOVED_NUMBER, body: "Old number" },
    ]);
    const page = await openPage(1280);
    try {
      await openConversation(page, new RegExp(customer.slice(-4)));
      const header = threadHeader(page);
      await header
        .getByText(`via ${demoNumberLabel(demo.mainNumber)}`)
        .waitFor({ timeout: 15_000 });
      expect(await header.textContent()).not.toContain(
        formatPhoneNumber(REMOVED_NUMBER),
      );

      await page.getByLabel("Reply").fill("Now from the main number");
      await page.getByRole("button", { name: "Send" }).click();
      const itemTexts = await messageTexts(page, 2);
      expect(itemTexts[0]).toContain(
        `via ${formatPhoneNumber(REMOVED_NUMBER)}`,
      );
      expect(itemTexts[1]).toContain("Now from the main number");
      expect(itemTexts[1]).toContain(`via ${demoNumberLabel(demo.mainNumber)}`);
    } finally {
      await page.close();
    }
  });
});

describe("app header at 390 px", () => {
  it("shows the whole company name", async () => {
    const page = await openPage(390);
    try {
      const name = page.getByText(demo.companyName, { exact: true });
      const box = await visibleBox(name);
      expect(await isTruncated(name)).toBe(false);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      const signOut = page.getByRole("button", { name: "Sign out" });
      const signOutBox = await visibleBox(signOut);
      expect(signOutBox.x + signOutBox.width).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });
});
