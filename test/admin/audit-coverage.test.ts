import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Customer } from "../../src/common/api.js";
import { auditDetailLabels } from "../../src/web/pages/admin/audit/auditDetails.js";
import { seedInbound } from "../inbox/inbox-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  installSmsInbox,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { auditRows, callAs } from "./admin-fixture.js";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx, { name: "Harbour Co" });
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

/** Loads the single audit entry with `action`, failing on none or several. */
async function onlyEntry(action: string) {
  const rows = await auditRows(t, company.id, action);
  expect(rows, `audit entries for ${action}`).toHaveLength(1);
  const row = rows[0];
  if (!row) throw new Error(`no audit entry for ${action}`);

  return {
    ...row,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** Loads the audit entry with `action` about the customer `customerId`. */
async function entryFor(action: string, customerId: string) {
  const rows = await auditRows(t, company.id, action);
  const row = rows.find((candidate) => candidate.target_id === customerId);
  if (!row) throw new Error(`no ${action} audit entry for ${customerId}`);

  return {
    ...row,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

async function addCustomer(
  name: string,
  phone: string,
  confirmSharedPhone = false,
): Promise<Customer> {
  const response = await callAs(t, owner, "POST", "/api/customers", {
    name,
    phone,
    confirmSharedPhone,
  });
  expect(response.statusCode, response.body).toBe(201);

  return response.json<Customer>();
}

function importCsv(csv: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/customers/import",
    headers: { ...owner.headers, "content-type": "text/csv" },
    payload: csv,
  });
}

describe("company settings audit", () => {
  test("name and country change", async () => {
    const response = await callAs(t, owner, "PUT", "/api/company", {
      name: "Pier Co",
      country: "GB",
    });

    expect(response.statusCode).toBe(200);
    const entry = await onlyEntry("company.updated");
    expect(entry.actor_staff_id).toBe(owner.id);
    expect(entry.target_type).toBe("company");
    expect(entry.target_id).toBe(company.id);
    expect(entry.target_label).toBe("Pier Co");
    expect(entry.details).toEqual({
      name: { old: "Harbour Co", new: "Pier Co" },
      country: { old: "US", new: "GB" },
    });
  });

  test("country only", async () => {
    await callAs(t, owner, "PUT", "/api/company", { country: "de" });

    const entry = await onlyEntry("company.updated");
    expect(entry.details).toEqual({ country: { old: "US", new: "DE" } });
  });

  test("unchanged values record nothing", async () => {
    const response = await callAs(t, owner, "PUT", "/api/company", {
      name: "Harbour Co",
      country: "US",
    });

    expect(response.statusCode).toBe(200);
    expect(await auditRows(t, company.id, "company.updated")).toEqual([]);
  });

  test("invalid country records nothing", async () => {
    const response = await callAs(t, owner, "PUT", "/api/company", {
      country: "XX",
    });

    expect(response.statusCode).toBe(400);
    expect(await auditRows(t, company.id, "company.updated")).toEqual([]);
  });
});

describe("customer audit", () => {
  test("create records name and number", async () => {
    const customer = await addCustomer("Ada Lovelace", "(415) 555-0133");

    const entry = await onlyEntry("customer.created");
    expect(entry.actor_staff_id).toBe(owner.id);
    expect(entry.target_type).toBe("customer");
    expect(entry.target_id).toBe(customer.id);
    expect(entry.target_label).toBe("Ada Lovelace");
    expect(entry.details).toEqual({ phone: "+14155550133" });
  });

  test("edit records old and new values", async () => {
    const customer = await addCustomer("Ada Lovelace", "4155550133");

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${customer.id}`,
      { name: "Ada King", phone: "415 555 0144" },
    );

    expect(response.statusCode).toBe(200);
    const entry = await onlyEntry("customer.updated");
    expect(entry.target_label).toBe("Ada King");
    expect(entry.details).toEqual({
      name: { old: "Ada Lovelace", new: "Ada King" },
      phone: { old: "+14155550133", new: "+14155550144" },
    });
  });

  test("create names customers sharing the number", async () => {
    await addCustomer("Ada Lovelace", "4155550133");
    const grace = await addCustomer("Grace Hopper", "(415) 555-0133", true);

    const entry = await entryFor("customer.created", grace.id);
    expect(entry.details).toEqual({
      phone: "+14155550133",
      phoneSharedWith: ["Ada Lovelace"],
    });
  });

  test("edit to a shared number names the others", async () => {
    await addCustomer("Ada Lovelace", "4155550133");
    await addCustomer("Alan Turing", "4155550133", true);
    const grace = await addCustomer("Grace Hopper", "4155550144");

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${grace.id}`,
      { name: "Grace Hopper", phone: "4155550133", confirmSharedPhone: true },
    );

    expect(response.statusCode, response.body).toBe(200);
    const entry = await onlyEntry("customer.updated");
    expect(entry.details).toEqual({
      phone: { old: "+14155550144", new: "+14155550133" },
      phoneSharedWith: ["Ada Lovelace", "Alan Turing"],
    });
  });

  test("rename keeping a shared number names no one", async () => {
    await addCustomer("Ada Lovelace", "4155550133");
    const grace = await addCustomer("Grace Hopper", "4155550133", true);

    const response = await callAs(
      t,
      owner,
      "PUT",
      `/api/customers/${grace.id}`,
      { name: "Grace Brewster Hopper", phone: "4155550133" },
    );

    expect(response.statusCode, response.body).toBe(200);
    const entry = await onlyEntry("customer.updated");
    expect(entry.details).toEqual({
      name: { old: "Grace Hopper", new: "Grace Brewster Hopper" },
    });
  });

  test("reformatted number is no change", async () => {
    const customer = await addCustomer("Ada Lovelace", "4155550133");

    await callAs(t, owner, "PUT", `/api/customers/${customer.id}`, {
      name: "Ada Lovelace",
      phone: "(415) 555-0133",
    });

    expect(await auditRows(t, company.id, "customer.updated")).toEqual([]);
  });

  test("delete records the customer", async () => {
    const customer = await addCustomer("Ada Lovelace", "4155550133");

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/customers/${customer.id}`,
    );

    expect(response.statusCode).toBe(204);
    const entry = await onlyEntry("customer.deleted");
    expect(entry.target_id).toBe(customer.id);
    expect(entry.target_label).toBe("Ada Lovelace");
    expect(entry.details).toEqual({ phone: "+14155550133" });
  });

  test("failed changes record nothing", async () => {
    const invalid = await callAs(t, owner, "POST", "/api/customers", {
      name: "Ada",
      phone: "12",
    });
    const missing = await callAs(t, owner, "DELETE", "/api/customers/nope");

    expect(invalid.statusCode).toBe(400);
    expect(missing.statusCode).toBe(404);
    const rows = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("company_id", "=", company.id)
      .execute();
    expect(rows).toEqual([]);
  });

  test("import records one entry with counts", async () => {
    const csv = [
      "name,phone",
      "Ada Lovelace,4155550133",
      "Grace Hopper,4155550144",
      "No Number,",
    ].join("\n");

    const response = await importCsv(csv);

    expect(response.statusCode, response.body).toBe(200);
    const entry = await onlyEntry("customer.imported");
    expect(entry.actor_staff_id).toBe(owner.id);
    expect(entry.details).toEqual({
      rowsInFile: 3,
      customersCreated: 2,
      rowsSkipped: 1,
    });
    expect(await auditRows(t, company.id, "customer.created")).toEqual([]);
  });

  test("rejected import records nothing", async () => {
    const response = await importCsv("no,columns,here\n1,2,3");

    expect(response.statusCode).toBe(400);
    expect(await auditRows(t, company.id, "customer.imported")).toEqual([]);
  });
});

describe("conversation customer audit", () => {
  async function linkCustomer(conversationId: string, customerId: unknown) {
    return callAs(
      t,
      owner,
      "PUT",
      `/api/plugins/sms-chat/conversations/${conversationId}/customer`,
      { customerId },
    );
  }

  test("records chosen and cleared customers", async () => {
    await installSmsInbox(t.ctx, company);
    const { conversationId } = await seedInbound(t.ctx, company, {
      from: "+14155550133",
    });
    const ada = await addCustomer("Ada Lovelace", "4155550133");
    const grace = await addCustomer("Grace Hopper", "4155550133", true);

    expect((await linkCustomer(conversationId, ada.id)).statusCode).toBe(200);
    expect((await linkCustomer(conversationId, ada.id)).statusCode).toBe(200);
    expect((await linkCustomer(conversationId, grace.id)).statusCode).toBe(200);
    expect((await linkCustomer(conversationId, null)).statusCode).toBe(200);

    const rows = await auditRows(
      t,
      company.id,
      "sms_inbox.conversation_customer_changed",
    );
    const details = rows
      .map((row) => JSON.parse(row.details) as unknown)
      .reverse();
    expect(details).toEqual([
      { customer: { old: null, new: "Ada Lovelace" } },
      { customer: { old: "Ada Lovelace", new: "Grace Hopper" } },
      { customer: { old: "Grace Hopper", new: null } },
    ]);
    expect(rows.every((row) => row.actor_staff_id === owner.id)).toBe(true);
    expect(rows.every((row) => row.target_id === conversationId)).toBe(true);
    expect(rows.every((row) => row.target_label === "+14155550133")).toBe(true);
  });

  test("unknown customer records nothing", async () => {
    await installSmsInbox(t.ctx, company);
    const { conversationId } = await seedInbound(t.ctx, company, {
      from: "+14155550133",
    });

    const response = await linkCustomer(conversationId, "nope");

    expect(response.statusCode).toBe(400);
    expect(
      await auditRows(t, company.id, "sms_inbox.conversation_customer_changed"),
    ).toEqual([]);
  });
});

describe("invitation audit", () => {
  test("accepting records the new staff member", async () => {
    const created = await callAs(t, owner, "POST", "/api/staff", {
      name: "Grace Hopper",
      email: "grace@example.com",
      roleId: company.viewerRoleId,
      locationIds: [company.locationIds[0]],
    });
    const { staff, inviteUrl } = created.json<{
      staff: { id: string };
      inviteUrl: string;
    }>();
    const token = inviteUrl.slice(inviteUrl.lastIndexOf("/") + 1);

    const accepted = await callAs(
      t,
      null,
      "POST",
      `/api/invitations/${token}/accept`,
      {
        password: "a long enough password",
      },
    );

    expect(accepted.statusCode, accepted.body).toBe(200);
    const entry = await onlyEntry("staff.invitation_accepted");
    expect(entry.actor_staff_id).toBe(staff.id);
    expect(entry.actor_name).toBe("Grace Hopper");
    expect(entry.target_id).toBe(staff.id);
    expect(entry.details).toEqual({ email: "grace@example.com" });
  });

  test("used link records nothing more", async () => {
    const created = await callAs(t, owner, "POST", "/api/staff", {
      name: "Grace Hopper",
      email: "grace@example.com",
      roleId: company.viewerRoleId,
      locationIds: [company.locationIds[0]],
    });
    const { inviteUrl } = created.json<{ inviteUrl: string }>();
    const url = `/api/invitations/${inviteUrl.slice(inviteUrl.lastIndexOf("/") + 1)}/accept`;
    const body = { password: "a long enough password" };

    await callAs(t, null, "POST", url, body);
    const again = await callAs(t, null, "POST", url, body);

    expect(again.statusCode).toBe(410);
    expect(
      await auditRows(t, company.id, "staff.invitation_accepted"),
    ).toHaveLength(1);
  });
});

describe("audit labels of new entries", () => {
  test("every detail key has a label", async () => {
    await callAs(t, owner, "PUT", "/api/company", { country: "GB" });
    const customer = await addCustomer("Ada Lovelace", "+14155550133");
    await callAs(t, owner, "PUT", `/api/customers/${customer.id}`, {
      name: "Ada King",
      phone: "+14155550144",
    });
    await importCsv("name,phone\nGrace Hopper,+14155550155");
    await installSmsInbox(t.ctx, company);
    const { conversationId } = await seedInbound(t.ctx, company, {
      from: "+14155550144",
    });
    await callAs(
      t,
      owner,
      "PUT",
      `/api/plugins/sms-chat/conversations/${conversationId}/customer`,
      { customerId: customer.id },
    );

    const rows = await t.ctx.db
      .selectFrom("audit_events")
      .select("details")
      .where("company_id", "=", company.id)
      .execute();
    const keys = new Set(
      rows.flatMap((row) =>
        Object.keys(JSON.parse(row.details) as Record<string, unknown>),
      ),
    );
    const unlabelled = [...keys].filter((key) => !(key in auditDetailLabels));

    expect(rows).toHaveLength(5);
    expect(unlabelled).toEqual([]);
  });
});
