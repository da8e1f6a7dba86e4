import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demo,
  launchChromium,
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

interface AssetResponse {
  path: string;
  status: number;
  cacheControl: string | undefined;
}

/**
 * Opens a page signed in as the owner, recording every response for a file
 * under /assets/ and for the app's HTML pages.
 */
async function ownerPage(): Promise<{
  context: BrowserContext;
  page: Page;
  assets: AssetResponse[];
  pages: AssetResponse[];
}> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const assets: AssetResponse[] = [];
  const pages: AssetResponse[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    const record = {
      path,
      status: response.status(),
      cacheControl: response.headers()["cache-control"],
    };
    if (path.startsWith("/assets/")) assets.push(record);
    else if (response.request().resourceType() === "document") {
      pages.push(record);
    }
  });
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page, assets, pages };
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const staffChunk = /\/assets\/StaffPage-[\w-]+\.js$/;

describe("lazy pages in a real browser", () => {
  it("inbox loads without admin chunks", async () => {
    // Hovering a link downloads its page, which then opens without the
    // page loading state (a spinner as the only child of <main>).
    const { context, page, assets, pages } = await ownerPage();
    await page.goto(`${stack.baseUrl}/inbox`);
    await page.getByRole("navigation", { name: "Conversations" }).waitFor();

    const beforeSettings = assets.map((asset) => asset.path);
    expect(beforeSettings.length).toBeGreaterThan(0);
    for (const name of ["SettingsPage", "StaffPage", "AuditLogPage"]) {
      expect(beforeSettings.join(" ")).not.toContain(`/${name}-`);
    }

    const settingsLink = mainNav(page).getByRole("link", { name: "Settings" });
    const preloaded = page.waitForResponse(/\/assets\/SettingsPage-/);
    await settingsLink.hover();
    await preloaded;
    await page.evaluate(() => {
      const main = document.querySelector("main");
      const flags = window as unknown as { pageFallbackShown: boolean };
      flags.pageFallbackShown = false;
      new MutationObserver(() => {
        if (main?.querySelector(":scope > [role=status]")) {
          flags.pageFallbackShown = true;
        }
      }).observe(main ?? document.body, { childList: true });
    });
    await settingsLink.click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

    const fallbackShown = await page.evaluate(
      () =>
        (window as unknown as { pageFallbackShown: boolean }).pageFallbackShown,
    );
    expect(fallbackShown).toBe(false);

    const settingsChunk = assets.find((asset) =>
      /\/assets\/SettingsPage-[\w-]+\.js$/.test(asset.path),
    );
    expect(settingsChunk?.status).toBe(200);
    for (const asset of assets) {
      expect(asset.cacheControl, asset.path).toBe(
        "public, max-age=31536000, immutable",
      );
    }
    expect(pages.length).toBeGreaterThan(0);
    for (const document of pages) {
      expect(document.cacheControl, document.path).toBe("no-cache");
    }
    await context.close();
  });

  it("failed page chunk offers reload", async () => {
    const { context, page } = await ownerPage();
    // A release replaced the hashed file this tab names, so the server no
    // longer has it.
    await page.route(staffChunk, (route) =>
      route.continue({ url: `${stack.baseUrl}/assets/StaffPage-Removed.js` }),
    );
    const missing = page.waitForResponse(/\/assets\/StaffPage-Removed\.js$/);

    await mainNav(page).getByRole("link", { name: "Staff" }).click();

    expect((await missing).status()).toBe(404);
    const alert = page
      .getByRole("alert")
      .filter({ hasText: "This page could not be loaded" });
    await alert.waitFor();
    expect(await mainNav(page).isVisible()).toBe(true);
    expect(page.url()).toBe(`${stack.baseUrl}/staff`);

    await page.unroute(staffChunk);
    await alert.getByRole("button", { name: "Reload" }).click();
    await page.getByRole("heading", { name: "Staff", level: 1 }).waitFor();
    expect(await alert.count()).toBe(0);
    await context.close();
  });

  it("other pages work after failure", async () => {
    const { context, page } = await ownerPage();
    await page.route(staffChunk, (route) => route.abort("failed"));

    await mainNav(page).getByRole("link", { name: "Staff" }).click();
    await page.getByText("This page could not be loaded").waitFor();
    await mainNav(page).getByRole("link", { name: "Roles" }).click();
    await page.getByRole("heading", { name: "Roles", level: 1 }).waitFor();

    expect(await page.getByText("This page could not be loaded").count()).toBe(
      0,
    );
    await context.close();
  });
});
