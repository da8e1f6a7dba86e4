import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamHubOf } from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** A number with no customer in the demo data. */
const NEW_NUMBER = "+14155550194";
const NEW_NAME = "Mara Quinn";
/**
 * Well under the inbox's 30-second REST poll, so only a live event can
 * bring the name in time.
 */
const LIVE_TIMEOUT_MS = 5_000;

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

/** Responses to each page's conversation list requests. */
const listLoads = new Map<Page, number>();

async function signedInPage(): Promise<Page> {
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
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return page;
}

/** Texts the inbox from NEW_NUMBER through the sandbox, as a phone would. */
async function textFromNewNumber(body: string): Promise<void> {
  const response = await fetch(`${stack.sandboxUrl}/sandbox/api/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: NEW_NUMBER, to: demo.mainNumber, body }),
  });
  expect(response.status).toBe(200);
}

describe("customer import in a real browser", () => {
  it("names an open conversation at once", async () => {
    await textFromNewNumber("Do you have a slot on Friday?");
    const inbox = await signedInPage();
    const list = inbox.getByRole("navigation", { name: "Conversations" });
    await expect
      .poll(() => list.textContent(), { timeout: 10_000 })
      .toContain("Do you have a slot on Friday?");
    await expect
      .poll(() => streamHubOf(stack.ctx).countOf(), { timeout: 10_000 })
      .toBe(1);
    // The page loads the list, then once more when its stream opens. After
    // that only a live event can bring the name in time.
    await expect.poll(() => listLoads.get(inbox)).toBe(2);
    expect(await list.textContent()).not.toContain(NEW_NAME);

    const admin = await signedInPage();
    await admin.goto(`${stack.baseUrl}/customers`);
    await admin.getByRole("button", { name: "Import CSV" }).click();
    await admin.getByLabel("CSV file").setInputFiles({
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        `name,phone\n${NEW_NAME},${NEW_NUMBER}\nTheo Brandt,+14155550195\n`,
      ),
    });
    await admin.getByRole("button", { name: "Import 2 customers" }).click();
    await expect
      .poll(() => admin.getByRole("dialog").textContent(), {
        timeout: 10_000,
      })
      .toContain("Added 2 customers.");

    await expect
      .poll(() => list.textContent(), { timeout: LIVE_TIMEOUT_MS })
      .toContain(NEW_NAME);
    expect(listLoads.get(inbox)).toBe(2);
  });
});
