import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/common/admin-api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  seedInbound,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { buildStaff } from "../support/factories.js";
import { callAs } from "./admin-fixture.js";

const CUSTOMER = "+14155550170";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

describe("role permissions on the next request", () => {
  it("grants and revokes sending", async () => {
    const tenant = await buildTenant(server);
    const role = await callAs(server.test, tenant.owner, "POST", "/api/roles", {
      name: "Agents",
      permissions: [],
    });
    const { id: roleId } = role.json<Role>();
    const agent = await buildStaff(server.ctx, tenant.company, {
      roleId,
      locationIds: [tenant.enabledLocationId],
    });
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });
    const reply = () =>
      callApi(
        server,
        agent,
        "POST",
        `/conversations/${conversationId}/messages`,
        {
          body: { body: "On our way" },
        },
      );
    const setPermissions = (permissions: string[]) =>
      callAs(server.test, tenant.owner, "PUT", `/api/roles/${roleId}`, {
        name: "Agents",
        permissions,
      });

    const denied = await reply();
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe("missing_permission");

    expect((await setPermissions(["sms-chat.send"])).statusCode).toBe(200);
    const allowed = await reply();
    expect(allowed.statusCode).toBe(201);

    expect((await setPermissions([])).statusCode).toBe(200);
    const revoked = await reply();
    expect(revoked.statusCode).toBe(403);
  });

  it("moving staff to another role applies at once", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
    });
    const reply = () =>
      callApi(
        server,
        tenant.viewer,
        "POST",
        `/conversations/${conversationId}/messages`,
        { body: { body: "Hello" } },
      );
    const moveTo = (roleId: string) =>
      callAs(
        server.test,
        tenant.owner,
        "PATCH",
        `/api/staff/${tenant.viewer.id}`,
        { roleId },
      );

    expect((await reply()).statusCode).toBe(403);
    expect((await moveTo(tenant.company.ownerRoleId)).statusCode).toBe(200);
    expect((await reply()).statusCode).toBe(201);
    expect((await moveTo(tenant.company.viewerRoleId)).statusCode).toBe(200);
    expect((await reply()).statusCode).toBe(403);
  });
});
