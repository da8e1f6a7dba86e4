import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demo,
  launchChromium,
  receiveText,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const LIST = 'nav[aria-label="Conversations"]';
/** Customers seeded beyond the demo's, so the list spans several pages. */
const SEEDED = 300;

let stack: DemoStack;
let browser: Browser;

/** Stores an inbound text from `from`, `minutesAgo` before now. */
async function storeText(from: string, body: string, minutesAgo: number) {
  const receivedAt = new Date(Date.now() - minutesAgo * 60_000);
  await receiveText(stack, from, body, receivedAt.toISOString());
}

beforeAll(async () => {
  stack = await startDemoStack();
  for (let index = 0; index < SEEDED; index += 1) {
    const from = `+1628${String(2_000_000 + index).padStart(7, "0")}`;
    await storeText(from, `Seeded question ${index}`, 10 + index);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openInbox(page: Page) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.locator(`${LIST} li a`).first().waitFor();
}

function focusedRowIndex(page: Page) {
  return page.evaluate(() =>
    Number(document.activeElement?.closest("li")?.dataset.index ?? -1),
  );
}

describe("virtualised conversation list", () => {
  it("renders only rows near the viewport", async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await openInbox(page);

    const rows = await page.locator(`${LIST} li`).count();

    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(50);
    await page.close();
  });

  it("loads older pages near the end", async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await openInbox(page);

    const oldest = page.getByRole("link", { name: /Seeded question 299/ });
    await expect
      .poll(
        async () => {
          await page.evaluate((list) => {
            const scroller = document.querySelector(list);
            if (scroller) scroller.scrollTop = scroller.scrollHeight;
          }, LIST);

          return oldest.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await page.locator(`${LIST} li`).count()).toBeLessThan(50);
    await page.close();
  });

  it("moves focus with arrow keys", async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await openInbox(page);

    await page.locator(`${LIST} li a`).first().focus();
    for (let press = 0; press < 30; press += 1) {
      await page.keyboard.press("ArrowDown");
    }
    await expect.poll(() => focusedRowIndex(page)).toBe(30);
    await page.keyboard.press("Home");
    await expect.poll(() => focusedRowIndex(page)).toBe(0);
    await page.keyboard.press("End");
    // End focuses the last loaded row, and the first page has 50.
    await expect.poll(() => focusedRowIndex(page)).toBeGreaterThanOrEqual(49);
    await page.close();
  });

  it("keeps the scrolled rows in place", async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await openInbox(page);
    await page.evaluate((list) => {
      const scroller = document.querySelector(list);
      if (scroller) scroller.scrollTop = 1_500;
    }, LIST);
    await page.waitForTimeout(300);
    const anchor = await page.evaluate((list) => {
      const scroller = document.querySelector(list);
      const top = scroller?.getBoundingClientRect().top ?? 0;
      const row = [...(scroller?.querySelectorAll("li") ?? [])].find(
        (item) => item.getBoundingClientRect().top >= top,
      );

      return {
        text: row?.textContent ?? "",
        index: Number(row?.dataset.index ?? -1),
        top: row?.getBoundingClientRect().top ?? 0,
      };
    }, LIST);
    const anchorNow = () =>
      page.evaluate(
        ({ list, text }) => {
          const rows = document.querySelectorAll<HTMLElement>(`${list} li`);
          const row = [...rows].find((item) => item.textContent === text);

          return {
            index: Number(row?.dataset.index ?? -1),
            top: row?.getBoundingClientRect().top ?? null,
          };
        },
        { list: LIST, text: anchor.text },
      );

    // The new conversation goes to the top, above the rows on screen.
    await storeText("+16285550999", "Brand new question", 0);
    await expect
      .poll(async () => (await anchorNow()).index, { timeout: 20_000 })
      .toBe(anchor.index + 1);
    const after = await anchorNow();

    expect(anchor.text).not.toBe("");
    expect(after.top).not.toBeNull();
    expect(Math.abs((after.top ?? 0) - anchor.top)).toBeLessThan(2);
    await page.close();
  });
});
