import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demo,
  launchChromium,
  startDemoStack,
  type DemoStack,
} from "./browser-support.js";

const INVITEE = { name: "Nina Newhire", email: "nina@demo.test" };
const INVITEE_PASSWORD = "kayak-paddle-2026";

let stack: DemoStack;
let browser: Browser;
/** Content-Security-Policy violations, which Chromium reports as console errors. */
const violations: string[] = [];

function recordViolations(page: Page): void {
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /Content Security Policy/i.test(text)) {
      violations.push(text);
    }
  });
}

beforeAll(async () => {
  stack = await startDemoStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signedInOwner(): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  const context = await browser.newContext();
  const page = await context.newPage();
  recordViolations(page);
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);

  return { context, page };
}

/** Returns the status of GET /api/auth/me from inside the page. */
function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const response = await fetch("/api/auth/me", {
      credentials: "same-origin",
    });
    return response.status;
  });
}

describe("staff administration in a real browser", () => {
  it("invites, signs in, deactivates and audits", async () => {
    const { context: ownerContext, page: owner } = await signedInOwner();

    // A role that may send from the SMS inbox.
    await owner.getByRole("link", { name: "Roles" }).click();
    await owner.getByRole("button", { name: "Create role" }).click();
    const roleDialog = owner.getByRole("dialog");
    await roleDialog.getByLabel("Role name").fill("Agents");
    await roleDialog
      .getByRole("checkbox", { name: /SMS Inbox \(send\)/ })
      .check();
    await roleDialog.getByRole("button", { name: "Create role" }).click();
    await owner.getByText("Agents · 0 staff members").waitFor();

    // An invitation with that role.
    await owner.getByRole("link", { name: "Staff" }).click();
    await owner.getByRole("button", { name: "Add staff member" }).click();
    const staffDialog = owner.getByRole("dialog");
    await staffDialog.getByLabel("Name").fill(INVITEE.name);
    await staffDialog.getByLabel("Email").fill(INVITEE.email);
    await staffDialog.getByRole("combobox", { name: "Role" }).click();
    await owner.getByRole("option", { name: "Agents" }).click();
    // With two locations, none is ticked until the admin picks one.
    const harbor = staffDialog.getByRole("checkbox", {
      name: "Harbor location",
    });
    expect(
      await staffDialog.getByRole("checkbox", { checked: true }).count(),
    ).toBe(0);
    await harbor.check();
    await staffDialog.getByRole("button", { name: "Create invite" }).click();
    const linkField = owner
      .getByRole("dialog")
      .getByRole("textbox", { name: "Invite link" });
    await linkField.waitFor();
    const inviteUrl = await linkField.inputValue();
    expect(inviteUrl.startsWith(`${stack.baseUrl}/invite/`)).toBe(true);
    await owner.getByRole("button", { name: "Done" }).click();
    const inviteeRow = owner.getByRole("row", {
      name: new RegExp(INVITEE.name),
    });
    await inviteeRow.getByText("Invited").waitFor();

    // The invitee accepts in their own browser and lands signed in.
    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    recordViolations(invitee);
    await invitee.goto(inviteUrl);
    await invitee.getByRole("heading", { name: "Join your team" }).waitFor();
    await invitee.getByLabel(/^Password/).fill(INVITEE_PASSWORD);
    await invitee.getByLabel("Repeat password").fill(INVITEE_PASSWORD);
    await invitee
      .getByRole("button", { name: "Set password and sign in" })
      .click();
    await invitee.waitForURL(/\/inbox/);
    expect(await meStatus(invitee)).toBe(200);

    // The link works only once.
    const reusePage = await (await browser.newContext()).newPage();
    await reusePage.goto(inviteUrl);
    await reusePage.getByText("Invitation already used").waitFor();
    await reusePage.context().close();

    // Deactivation ends the invitee's open session at once.
    await owner.reload();
    await inviteeRow.getByText("Active").waitFor();
    await owner
      .getByRole("button", { name: `Deactivate ${INVITEE.name}` })
      .click();
    await owner
      .getByRole("dialog")
      .getByRole("button", { name: "Deactivate" })
      .click();
    await inviteeRow.getByText("Deactivated").waitFor();
    expect(await meStatus(invitee)).toBe(401);
    await invitee.reload();
    await invitee.waitForURL(/\/login/);

    // The audit log lists each step.
    await owner.getByRole("link", { name: "Audit log" }).click();
    const log = owner.getByRole("table", { name: "Audit log" });
    await log.waitFor();
    const text = (await log.textContent()) ?? "";
    expect(text).toContain("Role created");
    expect(text).toContain("Agents");
    expect(text).toContain("Staff member invited");
    expect(text).toContain("Staff member deactivated");
    expect(text).toContain(INVITEE.name);
    expect(text).toContain(demo.owner.name);
    expect(text).toContain("SMS Inbox (send)");
    expect(violations).toEqual([]);

    await inviteeContext.close();
    await ownerContext.close();
  });

  it("signed-in visitor of an invite link is told to sign out", async () => {
    const { context, page } = await signedInOwner();

    await page.goto(`${stack.baseUrl}/invite/some-token`);

    await page.getByText(/You are signed in as Olivia Owner/).waitFor();
    await page.getByRole("button", { name: "Sign out to accept" }).click();
    await page.getByText("Invitation not valid").waitFor();
    expect(new URL(page.url()).pathname).toBe("/invite/some-token");
    await context.close();
  });
});
