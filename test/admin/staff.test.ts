import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type {
  CreatedStaff,
  InvitationInfo,
  StaffMember,
} from "../../src/common/admin-api.js";
import type { Me } from "../../src/common/api.js";
import { newId, nowIso } from "../../src/server/db/ids.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  TEST_PASSWORD,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import {
  auditRows,
  callAs,
  errorCodeOf,
  errorMessageOf,
  sessionCookieOf,
} from "./admin-fixture.js";

const NEW_PASSWORD = "a long enough password";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

function newStaffBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "Grace Hopper",
    email: "Grace@Example.com",
    roleId: company.viewerRoleId,
    locationIds: [company.locationIds[0]],
    ...overrides,
  };
}

async function invite(overrides: Record<string, unknown> = {}) {
  const response = await callAs(
    t,
    owner,
    "POST",
    "/api/staff",
    newStaffBody(overrides),
  );
  expect(response.statusCode).toBe(201);

  return response.json<CreatedStaff>();
}

function tokenOf(created: CreatedStaff): string {
  const url = created.inviteUrl ?? "";
  expect(url.startsWith("https://inbox.example.com/invite/")).toBe(true);

  return url.slice(url.lastIndexOf("/") + 1);
}

function accept(token: string, password = NEW_PASSWORD) {
  return callAs(t, null, "POST", `/api/invitations/${token}/accept`, {
    password,
  });
}

function login(email: string, password: string) {
  return callAs(t, null, "POST", "/api/auth/login", { email, password });
}

describe("staff list and create", () => {
  test("creates with a password and lists", async () => {
    const response = await callAs(
      t,
      owner,
      "POST",
      "/api/staff",
      newStaffBody({ password: NEW_PASSWORD }),
    );

    expect(response.statusCode).toBe(201);
    const created = response.json<CreatedStaff>();
    expect(created.inviteUrl).toBeNull();
    expect(created.staff.email).toBe("grace@example.com");
    expect(created.staff.status).toBe("active");
    expect(created.staff.role.name).toBe("Staff");

    const list = await callAs(t, owner, "GET", "/api/staff");
    const names = list
      .json<{ staff: StaffMember[] }>()
      .staff.map((s) => s.name);
    expect(names).toContain("Grace Hopper");
    expect((await login("grace@example.com", NEW_PASSWORD)).statusCode).toBe(
      200,
    );
    const audit = await auditRows(t, company.id, "staff.added");
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target_label).toBe("Grace Hopper");
    expect(audit[0]?.details).not.toContain(NEW_PASSWORD);
  });

  test("short password is rejected", async () => {
    const response = await callAs(
      t,
      owner,
      "POST",
      "/api/staff",
      newStaffBody({ password: "short" }),
    );

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain("at least 10 characters");
  });

  test("email used by another company is rejected", async () => {
    const other = await buildCompany(t.ctx);
    const taken = await buildStaff(t.ctx, other);

    const response = await callAs(
      t,
      owner,
      "POST",
      "/api/staff",
      newStaffBody({ email: taken.email }),
    );

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toContain(taken.email);
  });

  test("role of another company is rejected", async () => {
    const other = await buildCompany(t.ctx);

    const response = await callAs(
      t,
      owner,
      "POST",
      "/api/staff",
      newStaffBody({ roleId: other.ownerRoleId }),
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("roleId");
  });
});

describe("invitations", () => {
  test("invitee sets a password and signs in", async () => {
    const created = await invite();
    expect(created.staff.status).toBe("invited");
    expect(created.staff.invitationExpiresAt).not.toBeNull();
    const token = tokenOf(created);
    const stored = await t.ctx.db
      .selectFrom("staff_invitations")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.id).not.toBe(token);
    const days = (Date.parse(stored.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    expect((await login("grace@example.com", "")).statusCode).toBe(400);
    expect(
      (await login("grace@example.com", "anything at all")).statusCode,
    ).toBe(401);

    const info = await callAs(t, null, "GET", `/api/invitations/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json<InvitationInfo>().email).toBe("grace@example.com");

    const accepted = await accept(token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<Me>().staff.name).toBe("Grace Hopper");
    const me = await t.app.inject({
      url: "/api/auth/me",
      headers: { cookie: sessionCookieOf(accepted) },
    });
    expect(me.statusCode).toBe(200);
    expect((await login("grace@example.com", NEW_PASSWORD)).statusCode).toBe(
      200,
    );
    expect(await auditRows(t, company.id, "staff.invited")).toHaveLength(1);
  });

  test("used link gets 410", async () => {
    const token = tokenOf(await invite());
    await accept(token);

    const again = await accept(token, "another long password");
    const info = await callAs(t, null, "GET", `/api/invitations/${token}`);

    expect(again.statusCode).toBe(410);
    expect(errorCodeOf(again)).toBe("invitation_used");
    expect(errorCodeOf(info)).toBe("invitation_used");
    expect((await login("grace@example.com", NEW_PASSWORD)).statusCode).toBe(
      200,
    );
  });

  test("concurrent accepts use the link once", async () => {
    const token = tokenOf(await invite());

    const responses = await Promise.all([
      accept(token, "first long password"),
      accept(token, "second long password"),
    ]);

    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes).toEqual([200, 410]);
  });

  test("expired link gets 410", async () => {
    const token = tokenOf(await invite());
    await t.ctx.db
      .updateTable("staff_invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();

    const response = await accept(token);

    expect(response.statusCode).toBe(410);
    expect(errorCodeOf(response)).toBe("invitation_expired");
  });

  test("unknown link gets 404", async () => {
    const response = await callAs(t, null, "GET", "/api/invitations/nope");

    expect(response.statusCode).toBe(404);
    expect(errorCodeOf(response)).toBe("invitation_not_found");
  });

  test("new link replaces the old one", async () => {
    const created = await invite();
    const first = tokenOf(created);

    const reissued = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${created.staff.id}/invitation`,
    );
    const second = tokenOf(reissued.json<CreatedStaff>());

    expect(second).not.toBe(first);
    expect(errorCodeOf(await accept(first))).toBe("invitation_not_found");
    expect((await accept(second)).statusCode).toBe(200);
    const afterAccept = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${created.staff.id}/invitation`,
    );
    expect(afterAccept.statusCode).toBe(409);
  });

  test("deactivated invitee cannot accept", async () => {
    const created = await invite();
    await callAs(t, owner, "POST", `/api/staff/${created.staff.id}/deactivate`);

    const response = await accept(tokenOf(created));

    expect(response.statusCode).toBe(410);
    expect(errorCodeOf(response)).toBe("invitation_revoked");
  });

  test("accept replaces another signed-in session", async () => {
    const token = tokenOf(await invite());

    const response = await t.app.inject({
      method: "POST",
      url: `/api/invitations/${token}/accept`,
      headers: { cookie: owner.cookie, "content-type": "application/json" },
      payload: JSON.stringify({ password: NEW_PASSWORD }),
    });

    expect(response.statusCode).toBe(200);
    const old = await t.app.inject({
      url: "/api/auth/me",
      headers: owner.headers,
    });
    expect(old.statusCode).toBe(401);
  });
});

describe("deactivate, reactivate, remove", () => {
  test("deactivation ends open sessions at once", async () => {
    const member = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
    });
    const before = await t.app.inject({
      url: "/api/auth/me",
      headers: member.headers,
    });
    expect(before.statusCode).toBe(200);

    const response = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${member.id}/deactivate`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.json<StaffMember>().status).toBe("deactivated");
    const after = await t.app.inject({
      url: "/api/auth/me",
      headers: member.headers,
    });
    expect(after.statusCode).toBe(401);
    const relogin = await login(member.email, TEST_PASSWORD);
    expect(relogin.statusCode).toBe(403);
    expect(await auditRows(t, company.id, "staff.deactivated")).toHaveLength(1);
  });

  test("reactivation allows sign-in again", async () => {
    const member = await buildStaff(t.ctx, company);
    await callAs(t, owner, "POST", `/api/staff/${member.id}/deactivate`);

    const response = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${member.id}/reactivate`,
    );

    expect(response.json<StaffMember>().status).toBe("active");
    expect((await login(member.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditRows(t, company.id, "staff.reactivated")).toHaveLength(1);
  });

  test("removal keeps the sender name on messages", async () => {
    const member = await buildStaff(t.ctx, company);
    const conversationId = newId();
    const messageId = newId();
    const at = nowIso();
    await t.ctx.db
      .insertInto("conversations")
      .values({
        id: conversationId,
        company_id: company.id,
        customer_number: "+14155550170",
        inbox_number: "+14155550100",
        last_message_at: at,
        last_message_preview: "Hi",
        created_at: at,
      })
      .execute();
    await t.ctx.db
      .insertInto("messages")
      .values({
        id: messageId,
        company_id: company.id,
        conversation_id: conversationId,
        direction: "outbound",
        twilio_sid: null,
        from_number: "+14155550100",
        to_number: "+14155550170",
        body: "Hi",
        status: "sent",
        error_code: null,
        error_message: null,
        sent_by_staff_id: member.id,
        num_media: 0,
        created_at: at,
        updated_at: at,
        status_changed_at: null,
      })
      .execute();
    const name = (
      await t.ctx.db
        .selectFrom("staff")
        .select("name")
        .where("id", "=", member.id)
        .executeTakeFirstOrThrow()
    ).name;

    const response = await callAs(
      t,
      owner,
      "DELETE",
      `/api/staff/${member.id}`,
    );

    expect(response.statusCode).toBe(204);
    const sender = await t.ctx.db
      .selectFrom("messages")
      .innerJoin("staff", "staff.id", "messages.sent_by_staff_id")
      .select("staff.name")
      .where("messages.id", "=", messageId)
      .executeTakeFirstOrThrow();
    expect(sender.name).toBe(name);
    const me = await t.app.inject({
      url: "/api/auth/me",
      headers: member.headers,
    });
    expect(me.statusCode).toBe(401);
    expect((await login(member.email, TEST_PASSWORD)).statusCode).toBe(401);
    const list = await callAs(t, owner, "GET", "/api/staff");
    const ids = list.json<{ staff: StaffMember[] }>().staff.map((s) => s.id);
    expect(ids).not.toContain(member.id);
    const again = await callAs(t, owner, "DELETE", `/api/staff/${member.id}`);
    expect(again.statusCode).toBe(404);
    const audit = await auditRows(t, company.id, "staff.removed");
    expect(JSON.parse(audit[0]?.details ?? "{}").email).toBe(member.email);
  });

  test("removed email can be used again", async () => {
    const member = await buildStaff(t.ctx, company);
    await callAs(t, owner, "DELETE", `/api/staff/${member.id}`);

    const response = await callAs(
      t,
      owner,
      "POST",
      "/api/staff",
      newStaffBody({ email: member.email }),
    );

    expect(response.statusCode).toBe(201);
  });
});

describe("self and last-manager guards", () => {
  test.each([
    ["POST", "deactivate"],
    ["DELETE", ""],
  ] as const)("%s %s on oneself gets 409", async (method, path) => {
    const url = `/api/staff/${owner.id}${path ? `/${path}` : ""}`;

    const response = await callAs(t, owner, method, url);

    expect(response.statusCode).toBe(409);
    expect(errorCodeOf(response)).toBe("last_manager");
    expect(errorMessageOf(response)).toContain("your own account");
    const me = await t.app.inject({
      url: "/api/auth/me",
      headers: owner.headers,
    });
    expect(me.statusCode).toBe(200);
  });

  test("demoting oneself gets 409", async () => {
    const response = await callAs(t, owner, "PATCH", `/api/staff/${owner.id}`, {
      roleId: company.viewerRoleId,
    });

    expect(response.statusCode).toBe(409);
    expect(errorCodeOf(response)).toBe("last_manager");
    const row = await t.ctx.db
      .selectFrom("staff")
      .select("role_id")
      .where("id", "=", owner.id)
      .executeTakeFirstOrThrow();
    expect(row.role_id).toBe(company.ownerRoleId);
  });

  test("mutual deactivation keeps one manager", async () => {
    const second = await buildStaff(t.ctx, company);

    const responses = await Promise.all([
      callAs(t, owner, "POST", `/api/staff/${second.id}/deactivate`),
      callAs(t, second, "POST", `/api/staff/${owner.id}/deactivate`),
    ]);

    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const rejected = responses.find((response) => response.statusCode === 409);
    if (!rejected) throw new Error("neither deactivation got 409");
    expect(errorCodeOf(rejected)).toBe("last_manager");
    const active = await t.ctx.db
      .selectFrom("staff")
      .select("id")
      .where("company_id", "=", company.id)
      .where("active", "=", 1)
      .execute();
    expect(active).toHaveLength(1);
  });

  test("managers may change each other", async () => {
    const second = await buildStaff(t.ctx, company);

    const response = await callAs(
      t,
      owner,
      "PATCH",
      `/api/staff/${second.id}`,
      {
        roleId: company.viewerRoleId,
        name: "Renamed",
        locationIds: [company.locationIds[1]],
      },
    );

    expect(response.statusCode).toBe(200);
    const member = response.json<StaffMember>();
    expect(member.role.id).toBe(company.viewerRoleId);
    expect(member.locationIds).toEqual([company.locationIds[1]]);
    const audit = await auditRows(t, company.id, "staff.updated");
    const details = JSON.parse(audit[0]?.details ?? "{}");
    expect(details.role).toEqual({ old: "Owner", new: "Staff" });
    // buildStaff puts the member at both locations.
    expect(details.locations).toEqual({ added: [], removed: ["Location 1"] });
    const denied = await callAs(t, second, "GET", "/api/staff");
    expect(denied.statusCode).toBe(403);
  });
});

describe("unknown fields", () => {
  test("misspelled update field changes nothing", async () => {
    const second = await buildStaff(t.ctx, company);
    const before = await t.ctx.db
      .selectFrom("staff")
      .select("name")
      .where("id", "=", second.id)
      .executeTakeFirstOrThrow();

    const response = await callAs(
      t,
      owner,
      "PATCH",
      `/api/staff/${second.id}`,
      { nmae: "Renamed" },
    );

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("validation_failed");
    expect(errorMessageOf(response)).toBe(
      'The request body contains an unknown field, "nmae". The accepted fields are name, email, roleId, locationIds. Correct the field\'s name or remove the field.',
    );
    const after = await t.ctx.db
      .selectFrom("staff")
      .select("name")
      .where("id", "=", second.id)
      .executeTakeFirstOrThrow();
    expect(after.name).toBe(before.name);
    expect(await auditRows(t, company.id, "staff.updated")).toEqual([]);
  });

  test("field on deactivate keeps member active", async () => {
    const second = await buildStaff(t.ctx, company);

    const response = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${second.id}/deactivate`,
      { reason: "Left the company" },
    );

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toBe(
      'The request body contains an unknown field, "reason". This request takes no fields, so send no body or an empty JSON object.',
    );
    const row = await t.ctx.db
      .selectFrom("staff")
      .select("active")
      .where("id", "=", second.id)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(1);
  });

  test("empty object body is accepted", async () => {
    const second = await buildStaff(t.ctx, company);

    const response = await callAs(
      t,
      owner,
      "POST",
      `/api/staff/${second.id}/deactivate`,
      {},
    );

    expect(response.statusCode).toBe(200);
  });
});

describe("tenant isolation", () => {
  test("another company's staff are not found", async () => {
    const other = await buildCompany(t.ctx);
    const stranger = await buildStaff(t.ctx, other);

    const calls = [
      callAs(t, owner, "PATCH", `/api/staff/${stranger.id}`, { name: "X" }),
      callAs(t, owner, "POST", `/api/staff/${stranger.id}/deactivate`),
      callAs(t, owner, "POST", `/api/staff/${stranger.id}/reactivate`),
      callAs(t, owner, "POST", `/api/staff/${stranger.id}/invitation`),
      callAs(t, owner, "DELETE", `/api/staff/${stranger.id}`),
    ];

    for (const response of await Promise.all(calls)) {
      expect(response.statusCode).toBe(404);
    }
    const list = await callAs(t, owner, "GET", "/api/staff");
    const ids = list.json<{ staff: StaffMember[] }>().staff.map((s) => s.id);
    expect(ids).not.toContain(stranger.id);
    const me = await t.app.inject({
      url: "/api/auth/me",
      headers: stranger.headers,
    });
    expect(me.statusCode).toBe(200);
  });

  test("locations of another company are rejected", async () => {
    const other = await buildCompany(t.ctx);
    const member = await buildStaff(t.ctx, company);

    const response = await callAs(
      t,
      owner,
      "PATCH",
      `/api/staff/${member.id}`,
      {
        locationIds: [other.locationIds[0]],
      },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("locationIds");
  });
});
