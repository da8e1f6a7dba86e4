import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import type { SandboxNumber } from "../../src/sandbox/state-types.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const OTHER_URL = "https://other-app.example.net/sms";
/** The second demo number as the web app shows it. */
const SHOWN_NUMBER = formatPhoneNumber(demo.secondNumber);

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

async function signIn(
  account: { email: string; password: string },
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; alertRequests: string[] }> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const alertRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/webhook-alerts")) {
      alertRequests.push(request.url());
    }
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page, alertRequests };
}

function mainNumber(): SandboxNumber {
  const number = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((candidate) => candidate.phoneNumber === demo.mainNumber);
  if (!number) throw new Error("The demo's main number is missing.");

  return number;
}

function secondNumber(): SandboxNumber {
  const number = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((candidate) => candidate.phoneNumber === demo.secondNumber);
  if (!number) throw new Error("The demo's second number is missing.");

  return number;
}

describe("webhook health in a real browser", () => {
  it("warns an owner in the inbox", async () => {
    secondNumber().smsUrl = OTHER_URL;
    const { context, page } = await signIn(demo.owner);

    const banner = page.getByRole("alert", { name: "Webhook problem" });
    await banner.waitFor();

    expect(await banner.textContent()).toContain(SHOWN_NUMBER);
    expect(await banner.textContent()).toContain("Points elsewhere");
    await banner.getByRole("link", { name: "Open setup" }).click();
    await page.waitForURL(/\/plugins\/sms-chat\/setup/);
    await context.close();
  });

  it("shows no banner to view-only staff", async () => {
    secondNumber().smsUrl = OTHER_URL;
    const { context, page, alertRequests } = await signIn(demo.viewer);

    await page.getByRole("heading").first().waitFor();
    await page.waitForLoadState("networkidle");

    expect(
      await page.getByRole("alert", { name: "Webhook problem" }).count(),
    ).toBe(0);
    expect(alertRequests).toEqual([]);
    await context.close();
  });

  it("sets a webhook after confirming", async () => {
    const number = secondNumber();
    number.smsUrl = OTHER_URL;
    const { context, page } = await signIn(demo.owner);
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const row = page.getByRole("row", { name: `Webhook of ${SHOWN_NUMBER}` });

    await row.getByText("Points elsewhere").waitFor();
    expect(
      await row.getByLabel(`Current URL of ${SHOWN_NUMBER}`).textContent(),
    ).toBe(OTHER_URL);
    await row
      .getByRole("button", { name: `Set webhook on ${SHOWN_NUMBER}` })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.getByLabel("URL to replace").textContent()).toBe(
      OTHER_URL,
    );
    await dialog.getByRole("button", { name: "Replace webhook" }).click();
    await row.getByText("OK", { exact: true }).waitFor();

    const setup = await stack.ctx.db
      .selectFrom("companies")
      .select("webhook_token")
      .executeTakeFirstOrThrow();
    expect(number.smsUrl).toBe(
      `${stack.baseUrl}/v1/plugins/sms-chat/webhook/${setup.webhook_token}`,
    );
    expect(number.smsMethod).toBe("POST");
    await context.close();
  });

  it("shows a stale URL after a 409", async () => {
    const number = secondNumber();
    number.smsUrl = OTHER_URL;
    const { context, page } = await signIn(demo.owner);
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const row = page.getByRole("row", { name: `Webhook of ${SHOWN_NUMBER}` });
    await row.getByText("Points elsewhere").waitFor();
    number.smsUrl = "https://moved.example.net/sms";

    await row
      .getByRole("button", { name: `Set webhook on ${SHOWN_NUMBER}` })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Replace webhook" }).click();
    await dialog.getByText(/https:\/\/moved\.example\.net\/sms/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await row
      .getByLabel(`Current URL of ${SHOWN_NUMBER}`)
      .getByText("https://moved.example.net/sms")
      .waitFor();
    expect(number.smsUrl).toBe("https://moved.example.net/sms");
    await context.close();
  });

  it("rotates the token and updates every number", async () => {
    const company = await stack.ctx.db
      .selectFrom("companies")
      .select("webhook_token")
      .executeTakeFirstOrThrow();
    secondNumber().smsUrl = `${stack.baseUrl}/v1/plugins/sms-chat/webhook/${company.webhook_token}`;
    const { context, page } = await signIn(demo.owner);
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    await page.getByRole("table", { name: "Webhook status" }).waitFor();

    await page.getByRole("button", { name: "Rotate token" }).click();
    const rotateDialog = page.getByRole("dialog");
    await rotateDialog.getByRole("button", { name: "Rotate token" }).click();
    await page.getByText(/The previous URL keeps working until/).waitFor();
    const status = page.getByRole("table", { name: "Webhook status" });
    await status.getByText("Old token, works for now").first().waitFor();
    expect(await status.getByText("Old token, works for now").count()).toBe(2);

    await page
      .getByRole("button", {
        name: "Set webhook on all 2 numbers that need it",
      })
      .click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Replace webhook" })
      .click();
    await status.getByText("OK", { exact: true }).nth(1).waitFor();

    const rotated = await stack.ctx.db
      .selectFrom("companies")
      .select("webhook_token")
      .executeTakeFirstOrThrow();
    const tokenUrl = `${stack.baseUrl}/v1/plugins/sms-chat/webhook/${rotated.webhook_token}`;
    const urls = stack.sandbox.state
      .numbersOf(demo.accountSid)
      .filter((number) =>
        [demo.mainNumber, demo.secondNumber].includes(
          number.phoneNumber as never,
        ),
      )
      .map((number) => number.smsUrl);
    expect(urls).toEqual([tokenUrl, tokenUrl]);
    await context.close();
  });

  it("hides the banner once fixed", async () => {
    const { context, page, alertRequests } = await signIn(demo.owner);

    await expect.poll(() => alertRequests.length).toBe(1);
    await page.waitForLoadState("networkidle");

    expect(
      await page.getByRole("alert", { name: "Webhook problem" }).count(),
    ).toBe(0);
    await context.close();
  });
});

describe("webhook status on a 390 px screen", () => {
  const width = 390;

  it("scrolls to a number's Set webhook", async () => {
    const main = mainNumber();
    const mainUrl = main.smsUrl;
    const second = secondNumber();
    main.smsUrl = "";
    second.smsUrl = "";
    const { context, page } = await signIn(demo.owner, { width, height: 844 });
    try {
      await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
      const row = page.getByRole("row", { name: `Webhook of ${SHOWN_NUMBER}` });
      await row.getByText("No webhook").waitFor();
      const button = row.getByRole("button", {
        name: `Set webhook on ${SHOWN_NUMBER}`,
      });
      const lastTextCell = row.getByRole("cell").nth(2);

      // Playwright's click scrolls even a container that hides its overflow,
      // so scroll with the wheel as a user would and click at the position.
      await row.getByRole("cell").first().hover();
      await page.mouse.wheel(width * 2, 0);
      await expect
        .poll(async () => {
          const box = await button.boundingBox();
          return box ? box.x + box.width : Infinity;
        })
        .toBeLessThanOrEqual(width);

      const box = await button.boundingBox();
      if (!box) throw new Error("The Set webhook button has no box.");
      expect(box.x).toBeGreaterThanOrEqual(0);
      const lastTextBox = await lastTextCell.boundingBox();
      if (!lastTextBox) throw new Error("The last text cell has no box.");
      expect(lastTextBox.x).toBeGreaterThanOrEqual(0);
      expect(lastTextBox.x + lastTextBox.width).toBeLessThanOrEqual(width);
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const hit = await button.evaluate(
        (element, point) =>
          element.contains(document.elementFromPoint(point.x, point.y)),
        { x, y },
      );
      expect(hit).toBe(true);

      await page.mouse.click(x, y);
      const dialog = page.getByRole("dialog", {
        name: `Set the webhook of ${SHOWN_NUMBER}?`,
      });
      await dialog.getByRole("button", { name: "Replace webhook" }).click();
      await row.getByText("OK", { exact: true }).waitFor();

      const company = await stack.ctx.db
        .selectFrom("companies")
        .select("webhook_token")
        .executeTakeFirstOrThrow();
      expect(second.smsUrl).toBe(
        `${stack.baseUrl}/v1/plugins/sms-chat/webhook/${company.webhook_token}`,
      );
      expect(main.smsUrl).toBe("");
    } finally {
      main.smsUrl = mainUrl;
      await context.close();
    }
  });
});
