import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditPage } from "../../src/common/admin-api.js";
import { recordAudit } from "../../src/server/host/audit/audit-log.js";
import {
  addTwilioNumber,
  buildTenant,
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { buildCompany, buildStaff } from "../support/factories.js";
import { callAs, errorCodeOf, errorMessageOf } from "./admin-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

async function auditPage(
  staff: Parameters<typeof callAs>[1],
  query = "",
): Promise<AuditPage> {
  const response = await callAs(
    server.test,
    staff,
    "GET",
    `/api/audit${query}`,
  );
  expect(response.statusCode).toBe(200);

  return response.json<AuditPage>();
}

describe("GET /api/audit", () => {
  it("pages newest first without gaps", async () => {
    const company = await buildCompany(server.ctx);
    const owner = await buildStaff(server.ctx, company);
    // Entries 3 and 4 share a timestamp, so the id orders them.
    const times = [0, 1, 2, 3, 3, 5, 6].map((second) =>
      new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    );
    await server.ctx.db
      .insertInto("audit_events")
      .values(
        times.map((createdAt, i) => ({
          id: `entry-${i}`,
          company_id: company.id,
          actor_staff_id: owner.id,
          actor_name: "Owner",
          action: "role.created",
          target_type: "role",
          target_id: `role-${i}`,
          target_label: `Role ${i}`,
          details: "{}",
          ip: null,
          created_at: createdAt,
        })),
      )
      .execute();

    const labels: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page: AuditPage = await auditPage(owner, query);
      labels.push(...page.entries.map((entry) => entry.target?.label ?? ""));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);

    expect(pages).toBe(3);
    expect(labels).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Role ${i}`));
  });

  it("filters by action", async () => {
    const company = await buildCompany(server.ctx);
    const owner = await buildStaff(server.ctx, company);
    for (const action of ["role.created", "role.deleted", "role.created"]) {
      await recordAudit(server.ctx.db, {
        companyId: company.id,
        actor: { staffId: owner.id, ip: null },
        action: action as "role.created",
      });
    }

    const page = await auditPage(owner, "?action=role.created");

    expect(page.entries.map((entry) => entry.action)).toEqual([
      "role.created",
      "role.created",
    ]);
    expect(page.entries[0]?.actionLabel).toBe("Role created");
    expect(page.actions.map((action) => action.key)).toContain("staff.invited");
  });

  it("shows only the company's entries", async () => {
    const company = await buildCompany(server.ctx);
    const owner = await buildStaff(server.ctx, company);
    const other = await buildCompany(server.ctx);
    const stranger = await buildStaff(server.ctx, other);
    await callAs(server.test, stranger, "POST", "/api/roles", {
      name: "Secret role",
      permissions: [],
    });

    const page = await auditPage(owner);

    expect(page.entries).toEqual([]);
  });

  it("rejects a malformed cursor", async () => {
    const company = await buildCompany(server.ctx);
    const owner = await buildStaff(server.ctx, company);

    const response = await callAs(
      server.test,
      owner,
      "GET",
      "/api/audit?cursor=bm90IGpzb24",
    );

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("validation_failed");
    expect(errorMessageOf(response)).toBe(
      "cursor: the paging cursor is invalid. Reload the list to start again.",
    );
  });

  it("requires the manage permission", async () => {
    const company = await buildCompany(server.ctx);
    const viewer = await buildStaff(server.ctx, company, {
      roleId: company.viewerRoleId,
    });

    const response = await callAs(server.test, viewer, "GET", "/api/audit");

    expect(response.statusCode).toBe(403);
  });
});

describe("Twilio connection audit", () => {
  it("records numbers and token change, never the token", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const save = (body: object) =>
      callAs(server.test, tenant.owner, "PUT", "/api/company/twilio", body);

    const moved = await save({
      accountSid: tenant.account.sid,
      defaultNumber: SECOND_NUMBER,
    });
    const same = await save({
      accountSid: tenant.account.sid,
      authToken: tenant.account.authToken,
      defaultNumber: SECOND_NUMBER,
    });

    expect(moved.statusCode).toBe(200);
    expect(same.statusCode).toBe(200);
    const page = await auditPage(
      tenant.owner,
      "?action=twilio.connection_changed",
    );
    expect(page.entries).toHaveLength(1);
    const [entry] = page.entries;
    expect(entry?.details).toEqual({
      accountSid: { old: tenant.account.sid, new: tenant.account.sid },
      defaultNumber: { old: DEFAULT_NUMBER, new: SECOND_NUMBER },
      authTokenChanged: false,
    });
    expect(entry?.actor.staffId).toBe(tenant.owner.id);
    expect(entry?.ip).toBe("127.0.0.1");
    expect(JSON.stringify(page)).not.toContain(tenant.account.authToken);
  });

  it("records a rotated token as changed", async () => {
    const tenant = await buildTenant(server);
    await server.ctx.db
      .updateTable("twilio_connections")
      .set({
        auth_token_encrypted: server.ctx.secretBox.seal("old-token-value"),
      })
      .where("company_id", "=", tenant.company.id)
      .execute();

    const response = await callAs(
      server.test,
      tenant.owner,
      "PUT",
      "/api/company/twilio",
      {
        accountSid: tenant.account.sid,
        authToken: tenant.account.authToken,
        defaultNumber: DEFAULT_NUMBER,
      },
    );

    expect(response.statusCode).toBe(200);
    const page = await auditPage(tenant.owner);
    expect(page.entries[0]?.details.authTokenChanged).toBe(true);
    expect(JSON.stringify(page)).not.toContain("old-token-value");
    expect(JSON.stringify(page)).not.toContain(tenant.account.authToken);
  });

  it("failed save records nothing", async () => {
    const tenant = await buildTenant(server);

    const response = await callAs(
      server.test,
      tenant.owner,
      "PUT",
      "/api/company/twilio",
      {
        accountSid: tenant.account.sid,
        authToken: "0123456789abcdef0123456789abcdef",
        defaultNumber: DEFAULT_NUMBER,
      },
    );

    expect(response.statusCode).toBe(400);
    expect((await auditPage(tenant.owner)).entries).toEqual([]);
  });
});

describe("inbox and plugin audit", () => {
  const INBOX_API = "/api/plugins/sms-chat";

  it("records inbox numbers added and removed", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    const added = await callAs(
      server.test,
      tenant.owner,
      "POST",
      `${INBOX_API}/numbers`,
      { phoneNumber: SECOND_NUMBER },
    );
    const numberId = added.json<{ id: string }>().id;
    const removed = await callAs(
      server.test,
      tenant.owner,
      "DELETE",
      `${INBOX_API}/numbers/${numberId}`,
    );

    expect(added.statusCode).toBe(201);
    expect(removed.statusCode).toBe(204);
    const page = await auditPage(tenant.owner);
    // Sorted, because two entries in the same millisecond order by id.
    expect(page.entries.map((entry) => entry.action).sort()).toEqual([
      "sms_inbox.number_added",
      "sms_inbox.number_removed",
    ]);
    for (const entry of page.entries) {
      expect(entry.target?.label).toBe(SECOND_NUMBER);
      expect(entry.actor.staffId).toBe(tenant.owner.id);
    }
  });

  it("records where the inbox is enabled", async () => {
    const tenant = await buildTenant(server);

    const response = await callAs(
      server.test,
      tenant.owner,
      "PUT",
      `/api/plugins/sms-chat/locations`,
      { locationIds: [tenant.otherLocationId] },
    );
    const unchanged = await callAs(
      server.test,
      tenant.owner,
      "PUT",
      `/api/plugins/sms-chat/locations`,
      { locationIds: [tenant.otherLocationId] },
    );

    expect(response.statusCode).toBe(200);
    expect(unchanged.statusCode).toBe(200);
    const page = await auditPage(tenant.owner);
    expect(page.entries).toHaveLength(1);
    const [entry] = page.entries;
    expect(entry?.action).toBe("plugin.locations_changed");
    expect(entry?.target?.label).toBe("SMS Inbox");
    expect(Object.keys(entry?.details ?? {})).toEqual([
      "enabledAt",
      "disabledAt",
    ]);
    expect(entry?.details.enabledAt).toHaveLength(1);
    expect(entry?.details.disabledAt).toHaveLength(1);
  });

  it("records uninstall and install", async () => {
    const tenant = await buildTenant(server);

    const uninstalled = await callAs(
      server.test,
      tenant.owner,
      "DELETE",
      "/api/plugins/sms-chat",
    );
    const installed = await callAs(
      server.test,
      tenant.owner,
      "POST",
      "/api/plugins/sms-chat/install",
    );

    expect(uninstalled.statusCode).toBe(204);
    expect(installed.statusCode).toBe(200);
    const page = await auditPage(tenant.owner);
    expect(page.entries.map((entry) => entry.action).sort()).toEqual([
      "plugin.installed",
      "plugin.uninstalled",
    ]);
  });
});
