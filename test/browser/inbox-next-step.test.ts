import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  installPlugin,
  setPluginLocations,
  uninstallPlugin,
} from "../../src/server/host/plugins/plugin-installer.js";
import { smsInboxPlugin } from "../../src/server/plugins/sms-inbox/manifest.js";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext | null = null;

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Signs the owner in and waits for the first page after sign-in. */
async function signInOwner(): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  return page;
}

async function allLocationIds(): Promise<string[]> {
  const rows = await stack.ctx.db
    .selectFrom("locations")
    .select("id")
    .where("company_id", "=", stack.companyId)
    .execute();

  return rows.map((row) => row.id);
}

function twilioSection(page: Page) {
  return page.getByRole("region", { name: "Twilio connection" });
}

function nextStep(page: Page) {
  return page.getByRole("alert", { name: "Next step" });
}

describe("next step after the Twilio connection", () => {
  it("links to plugins after saving", async () => {
    await uninstallPlugin(stack.ctx, stack.companyId, smsInboxPlugin.id);
    await stack.ctx.db
      .deleteFrom("twilio_connections")
      .where("company_id", "=", stack.companyId)
      .execute();
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/settings`);
    const section = twilioSection(page);
    await section.getByText("Not connected", { exact: true }).waitFor();
    expect(await nextStep(page).count()).toBe(0);

    await section.getByLabel(/^Account SID/).fill(demo.accountSid);
    await section.getByLabel(/^Auth token/).fill(demo.authToken);
    await section.getByLabel(/^Default number/).fill(demo.mainNumber);
    await section.getByRole("button", { name: "Save" }).click();
    await section.getByText("Saved", { exact: true }).waitFor();

    const alert = nextStep(page);
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "Install SMS Inbox in Plugins, then enable it at a location.",
    );
    await alert.getByRole("link", { name: "Open plugins" }).click();
    await page.waitForURL(/\/plugins$/);
    const card = page.getByRole("article", { name: smsInboxPlugin.name });
    await card.getByRole("button", { name: "Install" }).waitFor();
  });

  it("asks for a location once installed", async () => {
    await installPlugin(stack.ctx, stack.companyId, smsInboxPlugin.id);
    await setPluginLocations(stack.ctx, stack.companyId, smsInboxPlugin, []);
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/settings`);

    const alert = nextStep(page);
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "SMS Inbox is installed but not enabled at any location yet.",
    );
    await alert.getByRole("link", { name: "Open plugins" }).click();
    await page.waitForURL(/\/plugins$/);
    const card = page.getByRole("article", { name: smsInboxPlugin.name });
    await card.getByRole("link", { name: "Open setup" }).waitFor();
  });

  it("is absent once the inbox is enabled", async () => {
    await installPlugin(stack.ctx, stack.companyId, smsInboxPlugin.id);
    await setPluginLocations(
      stack.ctx,
      stack.companyId,
      smsInboxPlugin,
      await allLocationIds(),
    );
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/settings`);

    // The Inbox menu item shows that the plugin catalogue has loaded.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Inbox" })
      .waitFor();
    await twilioSection(page).getByText("Connected", { exact: true }).waitFor();
    expect(await nextStep(page).count()).toBe(0);
  });
});
