import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditDetailLabels } from "../../src/web/pages/admin/audit/auditDetails.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { callAs } from "./admin-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/** Sends an admin request as the tenant's owner and expects a 2xx status. */
async function asOwner(
  tenant: Tenant,
  method: "POST" | "PUT" | "PATCH",
  url: string,
  body?: object,
) {
  const response = await callAs(server.test, tenant.owner, method, url, body);
  expect(
    response.statusCode,
    `${method} ${url}: ${response.body}`,
  ).toBeLessThan(300);

  return response;
}

/** Runs every admin action that records details in the audit log. */
async function recordEveryDetail(tenant: Tenant): Promise<void> {
  const { company } = tenant;
  addTwilioNumber(server, tenant.account, SECOND_NUMBER);
  await asOwner(tenant, "PUT", "/api/company/twilio", {
    accountSid: tenant.account.sid,
    defaultNumber: SECOND_NUMBER,
  });

  const role = await asOwner(tenant, "POST", "/api/roles", {
    name: "Front desk",
    permissions: ["sms-chat.send"],
  });
  const roleId = role.json<{ id: string }>().id;
  await asOwner(tenant, "PUT", `/api/roles/${roleId}`, {
    name: "Front desk team",
    permissions: [],
  });

  const added = await asOwner(tenant, "POST", "/api/staff", {
    name: "Nina Newhire",
    email: "nina@example.com",
    roleId,
    locationIds: [tenant.enabledLocationId],
  });
  const staffId = added.json<{ staff: { id: string } }>().staff.id;
  await asOwner(tenant, "POST", `/api/staff/${staffId}/invitation`);
  await asOwner(tenant, "PATCH", `/api/staff/${staffId}`, {
    name: "Nina Newhire-Park",
    roleId: company.viewerRoleId,
    locationIds: [tenant.otherLocationId],
  });

  await asOwner(tenant, "PUT", `/api/locations/${tenant.otherLocationId}`, {
    name: "Pier",
  });
  await asOwner(tenant, "PUT", "/api/plugins/sms-chat/locations", {
    locationIds: [tenant.otherLocationId],
  });

  await asOwner(tenant, "POST", "/api/customers", {
    name: "Ada Lovelace",
    phone: "+14155550133",
  });
  await asOwner(tenant, "POST", "/api/customers", {
    name: "Grace Hopper",
    phone: "+14155550133",
    confirmSharedPhone: true,
  });

  const numberId = await seedInboxNumber(server, tenant, "+14155550122");
  const setWebhook = await callApi(
    server,
    tenant.owner,
    "POST",
    `/setup/numbers/${numberId}/webhook`,
    { body: { expectedSmsUrl: "" } },
  );
  expect(setWebhook.statusCode, setWebhook.body).toBe(200);
  const rotate = await callApi(
    server,
    tenant.owner,
    "POST",
    "/setup/webhook-token/rotate",
  );
  expect(rotate.statusCode, rotate.body).toBe(200);
}

describe("audit detail labels", () => {
  it("labels every recorded detail key", async () => {
    const tenant = await buildTenant(server);
    await recordEveryDetail(tenant);

    const rows = await server.ctx.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("company_id", "=", tenant.company.id)
      .execute();
    const keys = new Set(
      rows.flatMap((row) =>
        Object.keys(JSON.parse(row.details) as Record<string, unknown>),
      ),
    );
    const unlabelled = [...keys].filter((key) => !(key in auditDetailLabels));

    expect(new Set(rows.map((row) => row.action)).size).toBeGreaterThan(8);
    expect(keys).toContain("previousSmsUrl");
    expect(keys).toContain("newSmsMethod");
    expect(keys).toContain("previousTokenValidUntil");
    expect(keys).toContain("inviteExpiresAt");
    expect(keys).toContain("phoneSharedWith");
    expect(unlabelled).toEqual([]);
  });
});
