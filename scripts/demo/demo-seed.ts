import type { AppContext } from "../../src/server/context.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { createLocation } from "../../src/server/host/locations/location-store.js";
import {
  installPlugin,
  setPluginLocations,
} from "../../src/server/host/plugins/plugin-installer.js";
import { createCompanyWithOwner } from "../../src/server/host/setup/company-creator.js";
import { createStaffMember } from "../../src/server/host/staff/staff-creator.js";
import { saveTwilioConnection } from "../../src/server/host/twilio-connection-store.js";
import { pluginCatalogue } from "../../src/server/plugin-catalogue.js";
import { smsInboxPlugin } from "../../src/server/plugins/sms-inbox/manifest.js";
import { addInboxNumber } from "../../src/server/plugins/sms-inbox/numbers/number-adder.js";
import type { SandboxState } from "../../src/sandbox/state.js";

/** Sign-in details and numbers of the demo company. */
export const demo = {
  companyName: "Harbor Kayak Tours",
  owner: {
    name: "Olivia Owner",
    email: "owner@demo.test",
    password: "demo-owner-pass",
  },
  viewer: {
    name: "Sam Staff",
    email: "staff@demo.test",
    password: "demo-staff-pass",
  },
  accountSid: "AC0123456789abcdef0123456789abcdef",
  authToken: "0123456789abcdef0123456789abcdef",
  mainNumber: "+14155550100",
  secondNumber: "+14155550111",
  /** Friendly names of the numbers on the demo's sandbox account. */
  numberNames: {
    "+14155550100": "Front desk",
    "+14155550111": "Repairs",
    "+14155550122": "Shop line",
  } as Record<string, string>,
  customers: [
    { name: "Maya Rivera", phone: "(415) 555-0142" },
    { name: "Jon Park", phone: "415.555.0177" },
    { name: "Priya Shah", phone: "+1 628 555 0123" },
  ],
} as const;

export interface SeededDemo {
  companyId: string;
  webhookUrl: string;
}

/**
 * Creates the demo Twilio account and numbers in the sandbox, then the demo
 * company in the product. The company has two locations, an owner who may
 * send, a staff member who may only view and three customers. Its Twilio
 * connection is saved, and the SMS Inbox plugin is enabled at both
 * locations with a second inbox number.
 */
export async function seedDemo(
  ctx: AppContext,
  sandbox: SandboxState,
): Promise<SeededDemo> {
  const created = await createCompanyWithOwner(
    ctx,
    {
      companyName: demo.companyName,
      country: "US",
      ownerName: demo.owner.name,
      ownerEmail: demo.owner.email,
      password: demo.owner.password,
    },
    { catalogue: pluginCatalogue },
  );
  const companyId = created.company.id;
  const token = await ctx.db
    .selectFrom("companies")
    .select("webhook_token")
    .where("id", "=", companyId)
    .executeTakeFirstOrThrow();
  const webhookUrl = `${ctx.config.publicUrl}/v1/plugins/sms-chat/webhook/${token.webhook_token}`;

  seedSandboxAccount(sandbox, webhookUrl);
  const harbor = await createLocation(ctx, companyId, "Harbor location");
  await ctx.db
    .insertInto("staff_locations")
    .values({ staff_id: created.owner.id, location_id: harbor.id })
    .execute();
  await createStaffMember(ctx, {
    companyId,
    roleId: created.roles.staff.id,
    name: demo.viewer.name,
    email: demo.viewer.email,
    password: demo.viewer.password,
    locationIds: [harbor.id],
  });
  for (const customer of demo.customers) {
    await createCustomer(ctx, companyId, customer);
  }

  await saveTwilioConnection(ctx, companyId, {
    accountSid: demo.accountSid,
    authToken: demo.authToken,
    defaultNumber: demo.mainNumber,
    defaultNumberName: demo.numberNames[demo.mainNumber] ?? null,
  });
  await installPlugin(ctx, companyId, smsInboxPlugin.id);
  await setPluginLocations(ctx, companyId, smsInboxPlugin, [
    created.location.id,
    harbor.id,
  ]);
  await addInboxNumber(ctx, companyId, demo.secondNumber);

  return { companyId, webhookUrl };
}

function seedSandboxAccount(sandbox: SandboxState, webhookUrl: string) {
  sandbox.createAccount({
    sid: demo.accountSid,
    authToken: demo.authToken,
    friendlyName: demo.companyName,
  });
  for (const phoneNumber of [demo.mainNumber, demo.secondNumber]) {
    sandbox.addNumber(demo.accountSid, {
      phoneNumber,
      friendlyName: demo.numberNames[phoneNumber],
      smsUrl: webhookUrl,
      smsMethod: "POST",
    });
  }
  // A number on the account that the inbox does not use yet, for the picker.
  sandbox.addNumber(demo.accountSid, {
    phoneNumber: "+14155550122",
    friendlyName: demo.numberNames["+14155550122"],
  });
}
