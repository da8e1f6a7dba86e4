import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  startDemoInstances,
  type DemoInstances,
} from "../multi-instance/demo-instances.js";
import { findPostgresServer } from "../multi-instance/postgres-server.js";
import { demo, launchChromium } from "./browser-support.js";

const postgres = await findPostgresServer();
const CUSTOMER_PHONE = "+16285550123";
const CUSTOMER_NAME = "Priya Shah";
/** Well under the inbox's 30-second REST poll. */
const LIVE_TIMEOUT_MS = 5_000;

let instances: DemoInstances | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (postgres.url === null) return;

  instances = await startDemoInstances(postgres.url);
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await instances?.close();
});

/** Returns the text of what `locator` matches, or "" while nothing does. */
async function textNow(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return "";

  return (await locator.textContent({ timeout: 1_000 })) ?? "";
}

async function openInboxOn(baseUrl: string): Promise<Page> {
  if (!browser) throw new Error("Chromium did not start");

  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.getByRole("navigation", { name: "Conversations" }).waitFor();
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => {
    document.documentElement.dataset.loadedOnce = "yes";
  });

  return page;
}

describe.skipIf(postgres.url === null)(
  `inbox across instances${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    it("shows a text another instance received", async () => {
      if (!instances) throw new Error("instances did not start");

      const { a, b, sandboxUrl } = instances;
      const page = await openInboxOn(b.baseUrl);
      await expect
        .poll(() => streamHubOf(b.ctx).countOf(), { timeout: 10_000 })
        .toBe(1);
      expect(streamHubOf(a.ctx).countOf()).toBe(0);
      const link = page
        .getByRole("navigation", { name: "Conversations" })
        .getByRole("link", { name: CUSTOMER_NAME });
      expect(await link.count()).toBe(0);

      const response = await fetch(`${sandboxUrl}/sandbox/api/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          from: CUSTOMER_PHONE,
          to: demo.mainNumber,
          body: "Is the sunset tour on?",
        }),
      });
      expect(response.status).toBe(200);

      await expect
        .poll(() => textNow(link), { timeout: LIVE_TIMEOUT_MS })
        .toContain("Is the sunset tour on?");
      const reloaded = await page.evaluate(
        () => document.documentElement.dataset.loadedOnce !== "yes",
      );
      expect(reloaded).toBe(false);
    });
  },
);
