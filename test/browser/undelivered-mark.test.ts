import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  demo,
  launchChromium,
  receiveText,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/**
 * Well under the inbox's 30-second REST poll, so only a live event can
 * bring a change in time.
 */
const LIVE_TIMEOUT_MS = 5_000;
const MARK = "Not delivered:";
/** MUI's default error.main, #d32f2f, which the app's theme keeps. */
const ERROR_COLOUR = "rgb(211, 47, 47)";

let stack: DemoStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Responses to each page's conversation list requests. */
const listLoads = new Map<Page, number>();

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

// Each test counts the event streams of its own pages.
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function uniqueNumber(): string {
  return `+1628${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}

async function openInbox(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  const page = await context.newPage();
  listLoads.set(page, 0);
  page.on("response", (response) => {
    if (response.url().endsWith("/api/plugins/sms-chat/conversations")) {
      listLoads.set(page, (listLoads.get(page) ?? 0) + 1);
    }
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.getByRole("navigation", { name: "Conversations" }).waitFor();

  return page;
}

/** Returns the list row of the customer, found by its last four digits. */
function conversationRow(page: Page, customer: string): Locator {
  return page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name: new RegExp(customer.slice(-4)) });
}

/**
 * Returns the text of what `locator` matches, or "" while nothing does. A
 * plain textContent() would wait for the element past the poll's timeout.
 */
async function textNow(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return "";

  return (await locator.textContent({ timeout: 1_000 })) ?? "";
}

/**
 * Opens the owner's inbox, where texts are sent, and the viewer's, which
 * only watches its list, and waits until the viewer's list has loaded
 * after its event stream opened. From then on only a live event updates
 * the viewer's list within LIVE_TIMEOUT_MS.
 */
async function openBothInboxes(): Promise<{ owner: Page; viewer: Page }> {
  const owner = await openInbox(demo.owner.email, demo.owner.password);
  const viewer = await openInbox(demo.viewer.email, demo.viewer.password);
  await expect
    .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
    .toBe(2);
  await expect.poll(() => listLoads.get(viewer)).toBe(2);

  return { owner, viewer };
}

/** Replies to the customer from the owner's open inbox. */
async function reply(owner: Page, customer: string, body: string) {
  await conversationRow(owner, customer).click({ timeout: 15_000 });
  await owner.getByLabel("Reply").fill(body);
  await owner.getByRole("button", { name: "Send" }).click();
}

/** Makes the sandbox report the next text sent as undelivered. */
function failNextDelivery() {
  stack.sandbox.state.faults.update({
    undelivered: { count: 1, errorCode: 30003 },
  });
}

describe("undelivered mark in the conversation list", () => {
  it("appears live and clears on a new text", async () => {
    const customer = uniqueNumber();
    await receiveText(stack, customer, "Can I book for Sunday?");
    const { owner, viewer } = await openBothInboxes();
    const row = conversationRow(viewer, customer);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).not.toContain(MARK);

    failNextDelivery();
    await reply(owner, customer, "Sunday at 10 works.");

    await expect
      .poll(() => textNow(row), { timeout: LIVE_TIMEOUT_MS })
      .toContain(`${MARK} Sunday at 10 works.`);
    const marked = viewer
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /Not delivered: Sunday at 10 works\./ });
    expect(await marked.count()).toBe(1);
    const mark = row.getByTitle(
      "The last text was not delivered. Open the conversation to see why.",
    );
    expect(
      await mark.evaluate((element) => getComputedStyle(element).color),
    ).toBe(ERROR_COLOUR);

    await receiveText(stack, customer, "Did you get my text?");

    await expect
      .poll(() => textNow(row), { timeout: LIVE_TIMEOUT_MS })
      .toContain("Did you get my text?");
    expect(await row.textContent()).not.toContain(MARK);
    expect(listLoads.get(viewer)).toBe(2);
  });

  it("clears when a later reply is sent", async () => {
    const customer = uniqueNumber();
    await receiveText(stack, customer, "Is the shop open today?");
    const { owner, viewer } = await openBothInboxes();
    const row = conversationRow(viewer, customer);
    await row.waitFor({ timeout: 15_000 });

    failNextDelivery();
    await reply(owner, customer, "Yes, until 6.");
    await expect
      .poll(() => textNow(row), { timeout: LIVE_TIMEOUT_MS })
      .toContain(`${MARK} Yes, until 6.`);
    await owner.getByLabel("Reply").fill("Open until 6 today.");
    await owner.getByRole("button", { name: "Send" }).click();

    await expect
      .poll(() => textNow(row), { timeout: LIVE_TIMEOUT_MS })
      .toContain("Open until 6 today.");
    expect(await row.textContent()).not.toContain(MARK);
    expect(listLoads.get(viewer)).toBe(2);
  });
});
