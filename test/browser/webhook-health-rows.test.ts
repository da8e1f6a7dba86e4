import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/common/phone.js";
import type { SandboxNumber } from "../../src/sandbox/state-types.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

/** The second demo number as the web app shows it. */
const SHOWN_NUMBER = formatPhoneNumber(demo.secondNumber);
const OTHER_ACCOUNT_SID = "AC99999999999999999999999999999999";

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext | null = null;
let companyId: string;

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
  stack.sandbox.state.createAccount({ sid: OTHER_ACCOUNT_SID });
  const company = await stack.ctx.db
    .selectFrom("companies")
    .select("id")
    .executeTakeFirstOrThrow();
  companyId = company.id;
});

afterEach(async () => {
  await context?.close();
  context = null;
  restoreDemoAccount();
  // Each test starts without a stored check, so the page checks again.
  await stack.ctx.db.deleteFrom("webhook_health").execute();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signInOwner(): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return page;
}

function findNumber(accountSid: string): SandboxNumber | undefined {
  return stack.sandbox.state
    .numbersOf(accountSid)
    .find((candidate) => candidate.phoneNumber === demo.secondNumber);
}

function mainNumber(): SandboxNumber {
  const number = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((candidate) => candidate.phoneNumber === demo.mainNumber);
  if (!number) throw new Error("The demo's main number is missing.");

  return number;
}

/** Moves the second demo number to another sandbox account. */
function moveSecondNumberAway(): void {
  const number = findNumber(demo.accountSid);
  if (!number) throw new Error("The demo's second number is missing.");

  stack.sandbox.state.releaseNumber(demo.accountSid, number.sid);
  stack.sandbox.state.addNumber(OTHER_ACCOUNT_SID, {
    phoneNumber: demo.secondNumber,
    smsUrl: number.smsUrl,
    smsMethod: "POST",
  });
}

/** Restores the demo account: its auth token and both numbers, SMS-capable. */
function restoreDemoAccount(): void {
  const account = stack.sandbox.state.accounts.get(demo.accountSid);
  if (account) account.authToken = demo.authToken;

  const away = findNumber(OTHER_ACCOUNT_SID);
  if (away) {
    stack.sandbox.state.releaseNumber(OTHER_ACCOUNT_SID, away.sid);
    stack.sandbox.state.addNumber(demo.accountSid, {
      phoneNumber: demo.secondNumber,
      smsUrl: away.smsUrl,
      smsMethod: "POST",
    });
  }
  const number = findNumber(demo.accountSid);
  if (number) number.capabilities.sms = true;
  mainNumber().capabilities.sms = true;
}

async function openHealthRow(page: Page) {
  await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
  const row = page.getByRole("row", { name: `Webhook of ${SHOWN_NUMBER}` });
  await row.waitFor();

  return row;
}

describe("webhook health rows in a real browser", () => {
  it("shows a number without SMS", async () => {
    const number = findNumber(demo.accountSid);
    if (!number) throw new Error("The demo's second number is missing.");
    number.capabilities.sms = false;
    const page = await signInOwner();

    const row = await openHealthRow(page);
    await row.getByText("No SMS", { exact: true }).waitFor();

    expect(await row.textContent()).toContain("without SMS capability");
    expect(
      await row
        .getByRole("button", { name: `Set webhook on ${SHOWN_NUMBER}` })
        .count(),
    ).toBe(0);
  });

  it("shows a number of another account", async () => {
    moveSecondNumberAway();
    const page = await signInOwner();

    const row = await openHealthRow(page);
    await row.getByText("Not on this Twilio account").waitFor();

    expect(await row.textContent()).toContain(demo.accountSid);
    expect(
      await row
        .getByRole("button", { name: `Set webhook on ${SHOWN_NUMBER}` })
        .count(),
    ).toBe(0);
  });

  it("warns about both in the inbox", async () => {
    const main = mainNumber();
    main.capabilities.sms = false;
    moveSecondNumberAway();
    const page = await signInOwner();

    const banner = page.getByRole("alert", { name: "Webhook problem" });
    await banner.waitFor();
    const text = await banner.textContent();

    expect(text).toContain(`${formatPhoneNumber(demo.mainNumber)}: No SMS`);
    expect(text).toContain(`${SHOWN_NUMBER}: Not on this Twilio account`);
  });
});

describe("webhook check problems in a real browser", () => {
  it("names rejected credentials in the inbox", async () => {
    const account = stack.sandbox.state.accounts.get(demo.accountSid);
    if (!account) throw new Error("The demo account is missing.");
    account.authToken = "0000000000000000000000000000000f";

    const page = await signInOwner();
    const banner = page.getByRole("alert", {
      name: "Twilio credentials rejected",
    });
    await banner.waitFor();

    expect(await banner.textContent()).toContain(
      "Twilio rejected the saved Account SID and auth token",
    );
    expect(
      await page.getByRole("alert", { name: "Webhook problem" }).count(),
    ).toBe(0);
    await banner.getByRole("link", { name: "Open Twilio settings" }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByRole("heading", { name: "Twilio connection" }).waitFor();
  });

  it("notes a check Twilio did not answer", async () => {
    const checkedAt = new Date().toISOString();
    await stack.ctx.db
      .insertInto("webhook_health")
      .values(
        [demo.mainNumber, demo.secondNumber].map((phoneNumber) => ({
          company_id: companyId,
          phone_number: phoneNumber,
          lookup: "unreachable" as const,
          twilio_sid: null,
          sms_url: null,
          sms_method: null,
          sms_capable: null,
          error_code: null,
          error_message: "Could not reach Twilio.",
          checked_at: checkedAt,
        })),
      )
      .execute();
    const page = await signInOwner();

    const note = page.getByRole("alert", { name: "Webhook check did not run" });
    await note.waitFor();

    expect(await note.textContent()).toContain(
      "Twilio could not be reached, so the webhooks of 2 inbox numbers could not be checked",
    );
    expect(
      await page.getByRole("alert", { name: "Webhook problem" }).count(),
    ).toBe(0);
  });
});
