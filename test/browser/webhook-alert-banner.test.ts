import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  demo,
  launchChromium,
  receiveText,
  signInAsOwner,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** An auth token the sandbox rejects with error 20003 for the demo account. */
const WRONG_TOKEN = "0000000000000000000000000000000f";
const PHONE_WIDTH = 390;
const PHONE_HEIGHT = 844;
/**
 * Well under the banner's 5-minute poll, so only a reload on the live
 * event can show the banner in time.
 */
const LIVE_TIMEOUT_MS = 10_000;

let stack: DemoStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  setDemoToken(demo.authToken);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function setDemoToken(token: string): void {
  const account = stack.sandbox.state.accounts.get(demo.accountSid);
  if (!account) throw new Error("The demo account is missing.");

  account.authToken = token;
}

/** Deletes the stored webhook checks, so the next alerts load checks Twilio. */
async function forgetWebhookChecks(): Promise<void> {
  await stack.ctx.db
    .deleteFrom("webhook_health")
    .where("company_id", "=", stack.companyId)
    .execute();
}

function uniqueNumber(): string {
  return `+1629${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}

async function openInbox(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  await signInAsOwner(stack, page);

  return page;
}

function credentialsBanner(page: Page): Locator {
  return page.getByRole("alert", { name: "Twilio credentials rejected" });
}

function conversationList(page: Page): Locator {
  return page.getByRole("navigation", { name: "Conversations" });
}

function conversationRow(page: Page, customer: string): Locator {
  return conversationList(page).getByRole("link", {
    name: new RegExp(formatPhoneNumber(customer).slice(-4)),
  });
}

/** Returns the element's box, failing when it is missing or zero-sized. */
async function visibleBox(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.width ?? 0).toBeGreaterThan(0);
  expect(box?.height ?? 0).toBeGreaterThan(0);

  return box ?? { x: 0, y: 0, width: 0, height: 0 };
}

/**
 * Checks that the banner fits a phone screen: inside its width, at most a
 * third of its height, with the text at least 240 px wide and the action
 * button inside the banner.
 */
async function expectCompactOnPhone(banner: Locator) {
  const box = await visibleBox(banner);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(box.height).toBeLessThanOrEqual(PHONE_HEIGHT / 3);

  const text = banner.getByText("Twilio rejected the saved credentials");
  const textBox = await visibleBox(text);
  expect(textBox.width).toBeGreaterThanOrEqual(240);

  const action = banner.getByRole("link", { name: "Open Twilio settings" });
  const actionBox = await visibleBox(action);
  expect(actionBox.x + actionBox.width).toBeLessThanOrEqual(box.x + box.width);
  expect(actionBox.y + actionBox.height).toBeLessThanOrEqual(
    box.y + box.height,
  );
}

describe("webhook alert banner on a phone", () => {
  it("shows above the conversation list", async () => {
    const customer = uniqueNumber();
    await receiveText(stack, customer, "Are you open on Monday?");
    setDemoToken(WRONG_TOKEN);
    await forgetWebhookChecks();

    const page = await openInbox(PHONE_WIDTH, PHONE_HEIGHT);
    const banner = credentialsBanner(page);
    await banner.waitFor({ timeout: 15_000 });
    const list = conversationList(page);
    await list.waitFor();

    const bannerBox = await visibleBox(banner);
    const listBox = await visibleBox(list);
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(listBox.y);
    await expectCompactOnPhone(banner);

    await conversationRow(page, customer).click({ timeout: 15_000 });
    const reply = page.getByLabel("Reply");
    await reply.waitFor();

    expect(await list.isVisible()).toBe(false);
    const replyBox = await visibleBox(reply);
    const threadBannerBox = await visibleBox(banner);
    expect(threadBannerBox.y + threadBannerBox.height).toBeLessThanOrEqual(
      replyBox.y,
    );
    await expectCompactOnPhone(banner);
  });
});

describe("webhook alert banner after a failed send", () => {
  it("appears when Twilio rejects the credentials", async () => {
    const customer = uniqueNumber();
    await receiveText(stack, customer, "Can I move my booking?");
    await forgetWebhookChecks();

    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const alertsLoaded = page.waitForResponse((response) =>
      response.url().endsWith("/webhook-alerts"),
    );
    await signInAsOwner(stack, page);
    await alertsLoaded;
    await expect
      .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
      .toBe(1);
    await conversationRow(page, customer).click({ timeout: 15_000 });
    await page.getByLabel("Reply").waitFor();
    expect(await credentialsBanner(page).count()).toBe(0);

    setDemoToken(WRONG_TOKEN);
    await page.getByLabel("Reply").fill("Yes, to Thursday.");
    await page.getByRole("button", { name: "Send" }).click();

    await credentialsBanner(page).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await credentialsBanner(page).textContent()).toContain(
      "Twilio rejected the saved Account SID and auth token",
    );
  });
});
