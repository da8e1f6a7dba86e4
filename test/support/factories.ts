import { randomBytes } from "node:crypto";
import {
  createSession,
  SESSION_COOKIE,
} from "../../src/server/auth/session-store.js";
import { hostPermissions } from "../../src/server/auth/permissions.js";
import type { AppContext } from "../../src/server/context.js";
import { newId, nowIso } from "../../src/server/db/ids.js";
import { smsInboxPermissions } from "../../src/server/plugins/sms-inbox/manifest.js";
import { saveTwilioConnection } from "../../src/server/host/twilio-connection-store.js";
import { SMS_INBOX_PLUGIN_ID } from "../../src/server/plugins/sms-inbox/plugin-keys.js";

// A precomputed hash keeps factories fast; the password is "correct horse battery".
export const TEST_PASSWORD = "correct horse battery";
let cachedHash: string | undefined;

async function testPasswordHash(): Promise<string> {
  if (!cachedHash) {
    const { hashPassword } = await import("../../src/server/auth/passwords.js");
    cachedHash = await hashPassword(TEST_PASSWORD);
  }

  return cachedHash;
}

export interface BuiltCompany {
  id: string;
  webhookToken: string;
  locationIds: string[];
  ownerRoleId: string;
  viewerRoleId: string;
}

/** Creates a company with two locations, an owner role and a view-only role. */
export async function buildCompany(
  ctx: AppContext,
  overrides: { name?: string; country?: string } = {},
): Promise<BuiltCompany> {
  const id = newId();
  const webhookToken = randomBytes(16).toString("hex");
  const createdAt = nowIso();

  await ctx.db
    .insertInto("companies")
    .values({
      id,
      name: overrides.name ?? `Company ${id.slice(-12)}`,
      country: overrides.country ?? "US",
      webhook_token: webhookToken,
      created_at: createdAt,
    })
    .execute();

  const locationIds = [newId(), newId()];
  await ctx.db
    .insertInto("locations")
    .values(
      locationIds.map((locationId, index) => ({
        id: locationId,
        company_id: id,
        name: `Location ${index + 1}`,
        created_at: createdAt,
      })),
    )
    .execute();

  const ownerRoleId = newId();
  const viewerRoleId = newId();
  await ctx.db
    .insertInto("roles")
    .values([
      {
        id: ownerRoleId,
        company_id: id,
        name: "Owner",
        permissions: JSON.stringify([
          hostPermissions.manageCompany,
          smsInboxPermissions.send,
        ]),
        created_at: createdAt,
      },
      {
        id: viewerRoleId,
        company_id: id,
        name: "Staff",
        permissions: JSON.stringify([]),
        created_at: createdAt,
      },
    ])
    .execute();

  return { id, webhookToken, locationIds, ownerRoleId, viewerRoleId };
}

export interface BuiltStaff {
  id: string;
  email: string;
  /** Headers that authenticate a request: cookie plus CSRF token. */
  headers: Record<string, string>;
  cookie: string;
  csrfToken: string;
}

/** Creates a staff member at the given locations and signs them in. */
export async function buildStaff(
  ctx: AppContext,
  company: BuiltCompany,
  options: { roleId?: string; locationIds?: string[]; email?: string } = {},
): Promise<BuiltStaff> {
  const id = newId();
  const email = options.email ?? `staff-${id.slice(-12)}@example.com`;

  await ctx.db
    .insertInto("staff")
    .values({
      id,
      company_id: company.id,
      role_id: options.roleId ?? company.ownerRoleId,
      email,
      name: `Staff ${id.slice(0, 4)}`,
      password_hash: await testPasswordHash(),
      active: 1,
      created_at: nowIso(),
    })
    .execute();

  const locationIds = options.locationIds ?? company.locationIds;
  if (locationIds.length > 0) {
    await ctx.db
      .insertInto("staff_locations")
      .values(locationIds.map((location_id) => ({ staff_id: id, location_id })))
      .execute();
  }

  const session = await createSession(ctx.db, id, 60 * 60 * 1000);
  const cookie = `${SESSION_COOKIE}=${session.token}`;

  return {
    id,
    email,
    cookie,
    csrfToken: session.csrfToken,
    headers: { cookie, "x-csrf-token": session.csrfToken },
  };
}

export interface BuiltTwilioConnection {
  accountSid: string;
  authToken: string;
  defaultNumber: string;
}

/** Connects the company to Twilio, with a random Account SID and auth token. */
export async function connectTwilio(
  ctx: AppContext,
  company: BuiltCompany,
  overrides: Partial<BuiltTwilioConnection> = {},
): Promise<BuiltTwilioConnection> {
  const connection = {
    accountSid: overrides.accountSid ?? `AC${randomBytes(16).toString("hex")}`,
    authToken: overrides.authToken ?? randomBytes(16).toString("hex"),
    defaultNumber: overrides.defaultNumber ?? "+14155550100",
  };
  await saveTwilioConnection(ctx, company.id, connection);

  return connection;
}

/** Installs SMS Inbox and enables it at the given locations, all by default. */
export async function installSmsInbox(
  ctx: AppContext,
  company: BuiltCompany,
  options: { locationIds?: string[] } = {},
): Promise<void> {
  await ctx.db
    .insertInto("plugin_installations")
    .values({
      company_id: company.id,
      plugin_id: SMS_INBOX_PLUGIN_ID,
      installed_at: nowIso(),
    })
    .execute();

  const locationIds = options.locationIds ?? company.locationIds;
  if (locationIds.length === 0) return;

  await ctx.db
    .insertInto("plugin_locations")
    .values(
      locationIds.map((location_id) => ({
        company_id: company.id,
        plugin_id: SMS_INBOX_PLUGIN_ID,
        location_id,
      })),
    )
    .execute();
}
