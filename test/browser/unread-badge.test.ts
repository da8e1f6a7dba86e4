import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** Well under the 30-second poll, so only a live event arrives in time. */
const LIVE_TIMEOUT_MS = 5_000;
const INBOX_INFO_PATH = "/api/plugins/sms-chat/inbox";

let stack: DemoStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.close();
});

/** Signs the owner in and counts the page's requests for the inbox info. */
async function signIn(
  options: { fakeClock?: boolean } = {},
): Promise<{ page: Page; infoRequests: () => number }> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  if (options.fakeClock) await page.clock.install();
  let requests = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === INBOX_INFO_PATH) requests += 1;
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.getByRole("navigation", { name: "Conversations" }).waitFor();

  return { page, infoRequests: () => requests };
}

async function textFrom(from: string, body: string): Promise<void> {
  const response = await fetch(`${stack.sandboxUrl}/sandbox/api/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from, to: demo.mainNumber, body }),
  });
  expect(response.status).toBe(200);
}

function inboxMenuItem(page: Page): Locator {
  return page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Inbox/ });
}

/** Returns the Inbox menu item's badge text, or "" when it has none. */
async function badgeText(page: Page): Promise<string> {
  const badge = inboxMenuItem(page).getByTestId("nav-badge");
  if ((await badge.count()) === 0) return "";

  return (await badge.textContent({ timeout: 1_000 })) ?? "";
}

describe("unread count outside the list", () => {
  it("follows live updates on the inbox page", async () => {
    const { page } = await signIn();
    await expect
      .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await badgeText(page)).toBe("");
    expect(await page.title()).toBe("Inbox · sms-inbox");

    await textFrom("+16285550171", "Is the 10am tour full?");

    await expect
      .poll(() => badgeText(page), { timeout: LIVE_TIMEOUT_MS })
      .toBe("1");
    await expect
      .poll(() => page.title(), { timeout: LIVE_TIMEOUT_MS })
      .toBe("(1) Inbox · sms-inbox");
    expect(await inboxMenuItem(page).textContent()).toContain("1 unread");

    await page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /\+1 628 555 0171/ })
      .click();
    await expect
      .poll(() => badgeText(page), { timeout: LIVE_TIMEOUT_MS })
      .toBe("");
    await expect
      .poll(() => page.title(), { timeout: LIVE_TIMEOUT_MS })
      .toBe("Inbox · sms-inbox");
  });

  it("polls every 30 seconds on other pages", async () => {
    await textFrom("+16285550172", "Do you rent paddles?");
    const { page, infoRequests } = await signIn({ fakeClock: true });
    await expect
      .poll(() => badgeText(page), { timeout: LIVE_TIMEOUT_MS })
      .toBe("1");

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers" })
      .click();
    await page.waitForURL(/\/customers$/);
    await expect
      .poll(() => page.title(), { timeout: LIVE_TIMEOUT_MS })
      .toBe("(1) Customers · sms-inbox");
    expect(await badgeText(page)).toBe("1");
    const afterOpening = infoRequests();

    await textFrom("+16285550173", "And life jackets?");
    await page.clock.fastForward(29_000);
    expect(await badgeText(page)).toBe("1");
    expect(infoRequests()).toBe(afterOpening);

    await page.clock.fastForward(1_500);
    await expect
      .poll(() => badgeText(page), { timeout: LIVE_TIMEOUT_MS })
      .toBe("2");
    expect(await page.title()).toBe("(2) Customers · sms-inbox");
    expect(infoRequests()).toBe(afterOpening + 1);
  });
});
