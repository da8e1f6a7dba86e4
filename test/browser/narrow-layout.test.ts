import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import { recordAudit } from "../../src/server/host/audit/audit-log.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import {
  demo,
  demoNumberLabel,
  launchChromium,
  receiveText,
  signInAsOwner,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

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

async function openPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await signInAsOwner(stack, page);

  return page;
}

function uniqueNumber(): string {
  return `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}

async function openConversation(page: Page, number: string) {
  await page
    .getByRole("navigation", { name: "Conversations" })
    .getByRole("link", {
      name: new RegExp(formatPhoneNumber(number).slice(-4)),
    })
    .click({ timeout: 15_000 });
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
    (element) => element.scrollWidth > element.clientWidth,
  );
}

describe("thread header on narrow screens", () => {
  for (const width of [390, 600, 800, 1280]) {
    it(`shows number and both actions at ${width} px`, async () => {
      const number = uniqueNumber();
      await receiveText(stack, number, `Hello at ${width} px`);
      const page = await openPage(width);
      try {
        await openConversation(page, formatPhoneNumber(number));
        const header = page.locator("header", {
          has: page.getByRole("button", { name: "Link to customer" }),
        });
        const title = header.getByRole("heading", {
          name: formatPhoneNumber(number),
        });
        const via = header.getByText(`via ${demoNumberLabel(demo.mainNumber)}`);
        await title.waitFor({ timeout: 15_000 });

        const titleBox = await visibleBox(title);
        expect(titleBox.x).toBeGreaterThanOrEqual(0);
        expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(width);
        expect(await isTruncated(title)).toBe(false);
        const viaBox = await visibleBox(via);
        expect(viaBox.x + viaBox.width).toBeLessThanOrEqual(width);
        expect(await isTruncated(via)).toBe(false);

        for (const name of ["Add customer", "Link to customer"]) {
          const button = header.getByRole("button", { name });
          const box = await visibleBox(button);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          const overlapsTitle =
            box.y < titleBox.y + titleBox.height &&
            box.y + box.height > titleBox.y &&
            box.x < titleBox.x + titleBox.width;
          expect(overlapsTitle).toBe(false);
        }

        await header.getByRole("button", { name: "Link to customer" }).click();
        const picker = page.getByRole("dialog", {
          name: "Link this number to a customer",
        });
        await picker.waitFor();
        await page.keyboard.press("Escape");
        await picker.waitFor({ state: "hidden" });
        await header.getByRole("button", { name: "Add customer" }).click();
        const form = page.getByRole("dialog");
        await form.waitFor();
        expect(await form.getByLabel("Name").count()).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
    });
  }

  it("truncates long names with full text in title", async () => {
    const number = uniqueNumber();
    const name = `Maximiliana Alexandrovna ${"Wolfeschlegelsteinhausen".repeat(2)}`;
    await createCustomer(stack.ctx, stack.companyId, { name, phone: number });
    await receiveText(stack, number, "Long name");
    const page = await openPage(390);
    try {
      await openConversation(page, "Maximiliana");
      const title = page.getByRole("heading", { name });
      await title.waitFor({ timeout: 15_000 });

      const titleBox = await visibleBox(title);
      expect(titleBox.width).toBeGreaterThanOrEqual(200);
      expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(390);
      expect(await isTruncated(title)).toBe(true);
      expect(await title.getAttribute("title")).toBe(name);
      const numberLine = page.getByText(
        `${formatPhoneNumber(number)} · via ${demoNumberLabel(demo.mainNumber)}`,
      );
      const numberBox = await visibleBox(numberLine);
      expect(numberBox.x + numberBox.width).toBeLessThanOrEqual(390);
      expect(await isTruncated(numberLine)).toBe(false);
      const change = page.getByRole("button", { name: "Change customer" });
      const changeBox = await visibleBox(change);
      expect(changeBox.x + changeBox.width).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });
});

describe("customers page loading", () => {
  it("shows progress while customers load", async () => {
    const page = await openPage(390);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/customers(\?|$)/, async (route) => {
      await released;
      await route.continue();
    });
    try {
      await page.goto(`${stack.baseUrl}/customers`);
      const progress = page.getByRole("progressbar", {
        name: "Loading customers",
      });
      await progress.waitFor({ timeout: 15_000 });
      const list = page.getByRole("list", { name: "Customers" });
      expect(await list.getAttribute("aria-busy")).toBe("true");
      const loadingBox = await visibleBox(list);

      release();
      await progress.waitFor({ state: "hidden", timeout: 15_000 });
      expect(await list.getAttribute("aria-busy")).toBe("false");
      const loadedBox = await visibleBox(list);
      expect(loadedBox.y).toBe(loadingBox.y);
      expect(await list.getByRole("listitem").count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it("keeps header actions inside the screen", async () => {
    const page = await openPage(390);
    try {
      await page.goto(`${stack.baseUrl}/customers`);
      for (const name of ["Import CSV", "Add customer"]) {
        const button = page.getByRole("button", { name });
        await button.waitFor({ timeout: 15_000 });
        const box = await visibleBox(button);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.close();
    }
  });
});

describe("audit log on narrow screens", () => {
  it("stacks details under the action", async () => {
    await recordAudit(stack.ctx.db, {
      companyId: stack.companyId,
      actor: { staffId: null, ip: "127.0.0.1" },
      action: auditActions.companyUpdated,
      details: { name: "Harbor Kayak Tours and Paddleboard Rentals" },
    });
    const page = await openPage(390);
    try {
      await page.goto(`${stack.baseUrl}/audit`);
      const table = page.getByRole("table", { name: "Audit log" });
      // Each row contains the details twice, and CSS shows one copy per width.
      const details = table
        .getByText("Harbor Kayak Tours and Paddleboard Rentals")
        .filter({ visible: true });
      await details.waitFor({ timeout: 15_000 });
      const container = table.locator("xpath=..");

      expect(await isTruncated(container)).toBe(false);
      const detailsBox = await visibleBox(details);
      expect(detailsBox.x).toBeGreaterThanOrEqual(0);
      expect(detailsBox.x + detailsBox.width).toBeLessThanOrEqual(390);
      const ipBox = await visibleBox(
        table.getByText("IP address: 127.0.0.1").filter({ visible: true }),
      );
      expect(ipBox.x + ipBox.width).toBeLessThanOrEqual(390);
      expect(
        await table.getByRole("columnheader", { name: "Details" }).count(),
      ).toBe(0);
    } finally {
      await page.close();
    }
  });
});
