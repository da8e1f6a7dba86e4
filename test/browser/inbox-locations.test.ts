import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setPluginLocations } from "../../src/server/host/plugins/plugin-installer.js";
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
let companyId: string;

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
  const company = await stack.ctx.db
    .selectFrom("companies")
    .select("id")
    .executeTakeFirstOrThrow();
  companyId = company.id;
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

/** Names of the locations where the inbox is enabled, sorted. */
async function enabledLocationNames(): Promise<string[]> {
  const rows = await stack.ctx.db
    .selectFrom("plugin_locations")
    .innerJoin("locations", "locations.id", "plugin_locations.location_id")
    .select("locations.name")
    .where("plugin_locations.company_id", "=", companyId)
    .where("plugin_locations.plugin_id", "=", smsInboxPlugin.id)
    .execute();

  return rows.map((row) => row.name).sort();
}

async function enableInboxNowhere(): Promise<void> {
  await setPluginLocations(stack.ctx, companyId, smsInboxPlugin, []);
}

function locationsSection(page: Page) {
  return page.getByRole("region", { name: "Enabled at locations" });
}

function inboxMenuItem(page: Page) {
  return page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Inbox" });
}

describe("locations admin in a real browser", () => {
  it("creates a location and enables the inbox there", async () => {
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/locations`);
    const table = page.getByRole("table", { name: "Locations" });
    await table.waitFor();

    await page.getByLabel("New location").fill("Pier location");
    await page.getByRole("button", { name: "Add location" }).click();
    const row = table.getByRole("row").filter({ hasText: "Pier location" });
    await row.waitFor();
    const toggle = row.getByRole("switch", {
      name: "SMS Inbox at Pier location",
    });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await row.getByText("Enabled", { exact: true }).waitFor();

    expect(await enabledLocationNames()).toContain("Pier location");
    const audit = await stack.ctx.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("company_id", "=", companyId)
      .where("action", "in", ["location.created", "plugin.locations_changed"])
      .orderBy("created_at")
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      "location.created",
      "plugin.locations_changed",
    ]);
    expect(JSON.parse(audit[1]?.details ?? "{}")).toEqual({
      enabledAt: ["Pier location"],
      disabledAt: [],
    });
  });
});

describe("inbox enabled nowhere in a real browser", () => {
  it("offers to enable it at every location", async () => {
    await enableInboxNowhere();
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const callout = page.getByRole("alert", { name: "Inbox not enabled" });
    await callout.waitFor();
    const locationCount = (
      await stack.ctx.db
        .selectFrom("locations")
        .select("id")
        .where("company_id", "=", companyId)
        .execute()
    ).length;

    expect(await inboxMenuItem(page).count()).toBe(0);
    await callout
      .getByRole("button", { name: `Enable at all ${locationCount} locations` })
      .click();
    await inboxMenuItem(page).waitFor();
    await callout.waitFor({ state: "detached" });

    expect((await enabledLocationNames()).length).toBe(locationCount);
    const checkboxes = await locationsSection(page).getByRole("checkbox").all();
    expect(checkboxes).toHaveLength(locationCount);
    for (const checkbox of checkboxes) {
      expect(await checkbox.isChecked()).toBe(true);
    }
  });

  it("opens the locations to choose some", async () => {
    await enableInboxNowhere();
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/plugins/sms-chat/setup`);
    const callout = page.getByRole("alert", { name: "Inbox not enabled" });

    await callout.getByRole("button", { name: "Choose locations" }).click();
    const focused = await page.evaluate(
      () => document.activeElement?.getAttribute("type") ?? null,
    );
    expect(focused).toBe("checkbox");
    const harbor = locationsSection(page).getByRole("checkbox", {
      name: "Harbor location",
    });
    await harbor.check();
    await locationsSection(page).getByRole("button", { name: "Save" }).click();
    await inboxMenuItem(page).waitFor();
    await callout.waitFor({ state: "detached" });

    expect(await enabledLocationNames()).toEqual(["Harbor location"]);
  });

  it("points from the plugin card to setup", async () => {
    await enableInboxNowhere();
    const page = await signInOwner();
    await page.goto(`${stack.baseUrl}/plugins`);
    const card = page.getByRole("article", { name: "SMS Inbox" });

    await card.getByText("Not enabled at any location yet").waitFor();
    await card.getByRole("link", { name: "Open setup" }).click();
    await page.getByRole("alert", { name: "Inbox not enabled" }).waitFor();
  });
});
