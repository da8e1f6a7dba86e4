import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const CUSTOMER_PHONE = "+14155550142";
const CUSTOMER_NAME = "Maya Rivera";

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

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
}

async function textFromPhone(page: Page, to: string, body: string) {
  await page.goto(`${stack.sandboxUrl}/`);
  await page.getByLabel("Your phone number").fill(CUSTOMER_PHONE);
  await page.getByLabel("Business number").selectOption(to);
  await page.getByLabel("Message").fill(body);
  await page.getByRole("button", { name: "Send" }).click();
}

describe("inbox in a real browser", () => {
  it("receives a text and sends a reply", async () => {
    const context = await browser.newContext();
    const inbox = await context.newPage();
    const phone = await context.newPage();
    await signIn(inbox, demo.owner.email, demo.owner.password);

    await textFromPhone(phone, demo.secondNumber, "Is the 10am tour on? 🌊");

    const conversations = inbox.getByRole("navigation", {
      name: "Conversations",
    });
    const item = conversations.getByRole("link", { name: CUSTOMER_NAME });
    await item.click({ timeout: 15_000 });
    const thread = inbox.getByRole("region", { name: "Messages" });
    await expect
      .poll(() => thread.textContent(), { timeout: 10_000 })
      .toContain("Is the 10am tour on? 🌊");

    await inbox.getByLabel("Reply").fill("Yes, see you at the dock!");
    await inbox.getByRole("button", { name: "Send" }).click();

    const phoneLog = phone.getByRole("log", { name: "Conversation" });
    await expect
      .poll(() => phoneLog.textContent(), { timeout: 15_000 })
      .toContain("Yes, see you at the dock!");

    const sent = stack.sandbox.state.messages.filter(
      (message) => message.direction !== "inbound",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.from).toBe(demo.secondNumber);
    expect(sent[0]?.to).toBe(CUSTOMER_PHONE);
    await context.close();
  });

  it("shows a read-only inbox to view-only staff", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo.viewer.email, demo.viewer.password);

    const item = page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: CUSTOMER_NAME });
    await item.click({ timeout: 15_000 });

    await expect
      .poll(() => page.getByText(/can view this inbox but not send/).count())
      .toBe(1);
    expect(await page.getByLabel("Reply").count()).toBe(0);
    expect(
      await page.getByRole("button", { name: "New conversation" }).count(),
    ).toBe(0);

    const status = await page.evaluate(async () => {
      const me = await fetch("/api/auth/me").then((response) =>
        response.json(),
      );
      const list = await fetch("/api/plugins/sms-chat/conversations").then(
        (response) => response.json(),
      );
      const response = await fetch(
        `/api/plugins/sms-chat/conversations/${list.conversations[0].id}/messages`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-csrf-token": me.csrfToken,
            "idempotency-key": "browser-view-only-check",
          },
          body: JSON.stringify({ body: "Should not send" }),
        },
      );
      return response.status;
    });
    expect(status).toBe(403);
    await context.close();
  });
});
