import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import type { SandboxNumber } from "../../src/sandbox/state-types.js";
import { insertInboxNumber } from "../../src/server/plugins/sms-inbox/numbers/number-store.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** A number on the demo account that is not in the inbox. */
const SPARE_NUMBER = "+14155550122";
const OTHER_SID = `AC${"fe".repeat(16)}`;

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
  viewport = { width: 1280, height: 720 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page };
}

function sandboxNumber(phoneNumber: string): SandboxNumber {
  const number = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((candidate) => candidate.phoneNumber === phoneNumber);
  if (!number) throw new Error(`${phoneNumber} is not in the sandbox.`);

  return number;
}

// The tests share the demo company and run in order: each one changes it.
describe("inbox number changes in a real browser", () => {
  it("lists the numbers before uninstalling", async () => {
    const { context, page } = await signIn();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);

    await page.getByRole("button", { name: "Uninstall SMS Inbox" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const list = dialog.getByRole("list", {
      name: "Numbers that stop receiving",
    });
    const text = await dialog.textContent();

    expect(await list.getByRole("listitem").allTextContents()).toEqual([
      `Front desk · ${formatPhoneNumber(demo.mainNumber)} (default number)`,
      `Repairs · ${formatPhoneNumber(demo.secondNumber)}`,
    ]);
    expect(text).toContain("will be rejected");
    expect(text).toContain(
      "conversations, messages and inbox numbers are kept",
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await context.close();
  });

  it("clears the webhook of a removed number", async () => {
    const number = sandboxNumber(demo.secondNumber);
    const shown = formatPhoneNumber(demo.secondNumber);
    expect(number.smsUrl).toContain("/v1/plugins/sms-chat/webhook");
    const { context, page } = await signIn();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);

    await page.getByRole("button", { name: `Remove ${shown}` }).click();
    const dialog = page.getByRole("dialog");
    const checkbox = dialog.getByRole("checkbox", {
      name: "Also clear its incoming-message webhook on Twilio",
    });
    await checkbox.waitFor();

    expect(await checkbox.isChecked()).toBe(true);
    expect(await dialog.textContent()).toContain("points at this inbox");
    expect(await dialog.textContent()).toContain(
      `Replies in its conversations will go out from the default number, ${formatPhoneNumber(demo.mainNumber)}.`,
    );
    await dialog.getByRole("button", { name: "Remove" }).click();
    const done = page.getByRole("status").filter({ hasText: "was removed" });
    await done.waitFor();
    expect(await done.textContent()).toContain(
      "Its incoming-message webhook on Twilio was cleared",
    );
    expect(number.smsUrl).toBe("");
    await context.close();
  });

  it("warns before switching accounts", async () => {
    const connection = await stack.ctx.db
      .selectFrom("twilio_connections")
      .select("company_id")
      .executeTakeFirstOrThrow();
    await insertInboxNumber(stack.ctx.db, {
      companyId: connection.company_id,
      accountSid: demo.accountSid,
      phoneNumber: demo.secondNumber,
      twilioSid: sandboxNumber(demo.secondNumber).sid,
    });
    const { context, page } = await signIn();
    await page.goto(`${stack.baseUrl}/settings`);

    const twilio = page.getByRole("region", { name: "Twilio connection" });
    await twilio.getByLabel("Account SID").fill(OTHER_SID);
    await twilio.getByRole("button", { name: "Save", exact: true }).click();
    const dialog = page.getByRole("dialog", {
      name: "Connect a different Twilio account?",
    });
    await dialog.waitFor();

    expect(await dialog.textContent()).toContain(
      `Texts to the numbers of the current account, the default number ${formatPhoneNumber(demo.mainNumber)} and the extra SMS Inbox number ${formatPhoneNumber(demo.secondNumber)}, will stop arriving in the inbox`,
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    const saved = await stack.ctx.db
      .selectFrom("twilio_connections")
      .select("account_sid")
      .executeTakeFirstOrThrow();
    expect(saved.account_sid).toBe(demo.accountSid);
    await context.close();
  });

  it("keeps the old default after a change", async () => {
    const { context, page } = await signIn({ width: 1300, height: 1000 });
    await page.goto(`${stack.baseUrl}/settings`);

    const twilio = page.getByRole("region", { name: "Twilio connection" });
    await twilio.getByLabel("Default number").fill(SPARE_NUMBER);
    await twilio.getByRole("button", { name: "Save", exact: true }).click();
    const notice = page.getByRole("status", { name: "What changed" });
    await notice.waitFor();

    expect(await notice.textContent()).toBe(
      `${formatPhoneNumber(demo.mainNumber)} stays in the inbox as an extra number; remove it on the SMS Inbox setup page if you no longer use it.`,
    );
    const box = await notice.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(1000);
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const numbers = page.getByRole("list", { name: "Inbox numbers" });
    await numbers.getByText(formatPhoneNumber(demo.mainNumber)).waitFor();
    expect(
      await page
        .getByRole("button", {
          name: `Remove ${formatPhoneNumber(demo.mainNumber)}`,
        })
        .count(),
    ).toBe(1);
    await context.close();
  });
});
