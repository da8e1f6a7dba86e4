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
const SHOWN_SECOND = formatPhoneNumber(demo.secondNumber);
const SHOWN_MAIN = formatPhoneNumber(demo.mainNumber);

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

function demoNumber(phoneNumber: string): SandboxNumber {
  const number = stack.sandbox.state
    .numbersOf(demo.accountSid)
    .find((candidate) => candidate.phoneNumber === phoneNumber);
  if (!number) throw new Error(`The demo number ${phoneNumber} is missing.`);

  return number;
}

async function openSetup(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);

  return { context, page };
}

describe("webhook health of service numbers in a browser", () => {
  it("replaces a deciding service's URL", async () => {
    const service = stack.sandbox.state.createMessagingService(
      demo.accountSid,
      { friendlyName: "Front desk pool", inboundRequestUrl: OTHER_URL },
    );
    const number = demoNumber(demo.secondNumber);
    number.messagingServiceSid = service.sid;
    const { context, page } = await openSetup();
    const row = page.getByRole("row", { name: `Webhook of ${SHOWN_SECOND}` });

    await row.getByText("Points elsewhere").waitFor();
    expect(await row.getByTestId("messaging-service").textContent()).toBe(
      `Messaging Service: Front desk pool (${service.sid}). The service's incoming request URL decides where texts go.`,
    );
    expect(
      await row.getByLabel(`Current URL of ${SHOWN_SECOND}`).textContent(),
    ).toBe(OTHER_URL);
    await row
      .getByRole("button", { name: `Set webhook on ${SHOWN_SECOND}` })
      .click();
    const dialog = page.getByRole("dialog", {
      name: `The Messaging Service decides where texts to ${SHOWN_SECOND} go`,
    });
    await dialog.waitFor();
    expect(
      await dialog.getByLabel("Service's incoming request URL").textContent(),
    ).toBe(OTHER_URL);
    expect(await dialog.textContent()).toContain("every number in the service");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(service.inboundRequestUrl).toBe(OTHER_URL);

    await row
      .getByRole("button", { name: `Set webhook on ${SHOWN_SECOND}` })
      .click();
    await dialog.getByRole("button", { name: "Replace service URL" }).click();
    await row.getByText("OK", { exact: true }).waitFor();
    const company = await stack.ctx.db
      .selectFrom("companies")
      .select("webhook_token")
      .executeTakeFirstOrThrow();
    expect(service.inboundRequestUrl).toBe(
      `${stack.baseUrl}/v1/plugins/sms-chat/webhook/${company.webhook_token}`,
    );
    expect(service.inboundMethod).toBe("POST");

    number.messagingServiceSid = null;
    await context.close();
  });

  it("says a GET webhook must be POST", async () => {
    const number = demoNumber(demo.mainNumber);
    number.smsMethod = "GET";
    const { context, page } = await openSetup();
    const row = page.getByRole("row", { name: `Webhook of ${SHOWN_MAIN}` });

    await row.getByText("Uses GET").waitFor();
    expect(await row.getByTestId("method-warning").textContent()).toBe(
      "Wrong method: Twilio sends these texts with HTTP GET, but the inbox accepts only POST. Twilio must send POST.",
    );

    number.smsMethod = "POST";
    await context.close();
  });
});
