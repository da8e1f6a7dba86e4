import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const CUSTOMER_PHONE = "+16285550123";
const CUSTOMER_NAME = "Priya Shah";
/**
 * Well under the inbox's 30-second REST poll, so only a live event can
 * bring a change in time.
 */
const LIVE_TIMEOUT_MS = 5_000;

let stack: DemoStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Responses to each page's conversation list requests. */
const listLoads = new Map<Page, number>();

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.close();
});

async function openInbox(email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
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
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => {
    document.documentElement.dataset.loadedOnce = "yes";
  });

  return page;
}

function conversationLink(page: Page) {
  return page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", { name: CUSTOMER_NAME });
}

async function textFromCustomer(body: string): Promise<void> {
  const response = await fetch(`${stack.sandboxUrl}/sandbox/api/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: CUSTOMER_PHONE, to: demo.mainNumber, body }),
  });
  expect(response.status).toBe(200);
}

/**
 * Returns the text of what `locator` matches, or "" while nothing does. A
 * plain textContent() would wait for the element past the poll's timeout.
 */
async function textNow(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return "";

  return (await locator.textContent({ timeout: 1_000 })) ?? "";
}

function wasReloaded(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.dataset.loadedOnce !== "yes",
  );
}

describe("live updates in a real browser", () => {
  it("shows texts and replies in every open inbox", async () => {
    const owner = await openInbox(demo.owner.email, demo.owner.password);
    const viewer = await openInbox(demo.viewer.email, demo.viewer.password);
    await expect
      .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
      .toBe(2);
    // Each page loads the list, then once more when its stream opens. Only
    // after that can nothing but a live event bring the next text in time.
    for (const page of [owner, viewer]) {
      await expect.poll(() => listLoads.get(page)).toBe(2);
    }
    expect(await conversationLink(owner).count()).toBe(0);

    await textFromCustomer("Can I move my tour to 2pm?");

    for (const page of [owner, viewer]) {
      await expect
        .poll(() => textNow(conversationLink(page)), {
          timeout: LIVE_TIMEOUT_MS,
        })
        .toContain("1 unread");
      expect(await conversationLink(page).textContent()).toContain(
        "Can I move my tour to 2pm?",
      );
      await expect
        .poll(() => page.title(), { timeout: LIVE_TIMEOUT_MS })
        .toBe("(1) Inbox · sms-inbox");
    }

    await viewer.getByRole("link", { name: CUSTOMER_NAME }).click();
    const viewerThread = viewer.getByRole("region", { name: "Messages" });
    await expect
      .poll(() => textNow(viewerThread), { timeout: LIVE_TIMEOUT_MS })
      .toContain("Can I move my tour to 2pm?");
    await expect
      .poll(() => viewer.title(), { timeout: LIVE_TIMEOUT_MS })
      .toBe("Inbox · sms-inbox");

    await owner.getByRole("link", { name: CUSTOMER_NAME }).click();
    await owner.getByLabel("Reply").fill("Yes, 2pm works. See you then!");
    await owner.getByRole("button", { name: "Send" }).click();

    await expect
      .poll(() => textNow(viewerThread), { timeout: LIVE_TIMEOUT_MS })
      .toContain("Yes, 2pm works. See you then!");
    expect(await wasReloaded(owner)).toBe(false);
    expect(await wasReloaded(viewer)).toBe(false);
  });

  it("updates a shown search result", async () => {
    const owner = await openInbox(demo.owner.email, demo.owner.password);
    await expect
      .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await textFromCustomer("Is parking free?");
    const searched = owner.waitForResponse((response) =>
      response.url().includes("/api/plugins/sms-chat/conversations?q=Priya"),
    );
    await owner.getByLabel("Search conversations").fill("Priya");
    await searched;
    await expect
      .poll(() => textNow(conversationLink(owner)), {
        timeout: LIVE_TIMEOUT_MS,
      })
      .toContain("Is parking free?");

    await textFromCustomer("Also, do you rent wetsuits?");

    await expect
      .poll(() => textNow(conversationLink(owner)), {
        timeout: LIVE_TIMEOUT_MS,
      })
      .toContain("Also, do you rent wetsuits?");
    expect(await owner.getByLabel("Search conversations").inputValue()).toBe(
      "Priya",
    );
  });
});
