import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInbound,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

type Level = "view" | "send" | "manage";

interface RouteCase {
  method: "GET" | "POST" | "DELETE";
  /** `:id` is a conversation id and `:numberId` an added number's id. */
  path: string;
  level: Level;
  body?: unknown;
  successStatus: number;
}

const routes: RouteCase[] = [
  { method: "GET", path: "/setup", level: "manage", successStatus: 200 },
  {
    method: "GET",
    path: "/available-numbers",
    level: "manage",
    successStatus: 200,
  },
  {
    method: "POST",
    path: "/numbers",
    level: "manage",
    body: { phoneNumber: SECOND_NUMBER },
    successStatus: 201,
  },
  {
    method: "DELETE",
    path: "/numbers/:numberId",
    level: "manage",
    successStatus: 204,
  },
  { method: "GET", path: "/inbox", level: "view", successStatus: 200 },
  { method: "GET", path: "/conversations", level: "view", successStatus: 200 },
  {
    method: "POST",
    path: "/conversations",
    level: "send",
    body: {
      to: "+14155550177",
      from: DEFAULT_NUMBER,
      body: "Your table is ready.",
    },
    successStatus: 201,
  },
  {
    method: "GET",
    path: "/conversations/:id",
    level: "view",
    successStatus: 200,
  },
  {
    method: "GET",
    path: "/conversations/:id/messages",
    level: "view",
    successStatus: 200,
  },
  {
    method: "POST",
    path: "/conversations/:id/messages",
    level: "send",
    body: { body: "See you at 10." },
    successStatus: 201,
  },
  {
    method: "POST",
    path: "/conversations/:id/read",
    level: "view",
    successStatus: 204,
  },
];

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

/** Builds a tenant with one conversation and one added number. */
async function tenantWithData(options: { install?: boolean } = {}) {
  const tenant = await buildTenant(server, options);
  addTwilioNumber(server, tenant.account, SECOND_NUMBER);
  const { conversationId } = await seedInbound(server.ctx, tenant.company, {
    from: "+14155550123",
  });
  const numberId = await seedInboxNumber(server, tenant, "+14155550122");

  return { tenant, conversationId, numberId };
}

function pathFor(
  route: RouteCase,
  ids: { conversationId: string; numberId: string },
) {
  return route.path
    .replace(":id", ids.conversationId)
    .replace(":numberId", ids.numberId);
}

async function call(
  route: RouteCase,
  tenant: Tenant | null,
  staff: keyof Pick<Tenant, "owner" | "viewer" | "outsider">,
  ids: { conversationId: string; numberId: string },
  withoutCsrf = false,
) {
  return callApi(
    server,
    tenant ? tenant[staff] : null,
    route.method,
    pathFor(route, ids),
    {
      body: route.body,
      withoutCsrf,
    },
  );
}

describe.each(routes)("$method $path", (route) => {
  it("rejects signed-out requests", async () => {
    const { conversationId, numberId } = await tenantWithData();
    const response = await call(route, null, "owner", {
      conversationId,
      numberId,
    });

    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("unauthenticated");
  });

  it("rejects plugin not installed", async () => {
    const { tenant, conversationId, numberId } = await tenantWithData({
      install: false,
    });
    const response = await call(route, tenant, "owner", {
      conversationId,
      numberId,
    });

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("plugin_not_installed");
  });

  it("hides other company's data", async () => {
    const own = await tenantWithData();
    const other = await tenantWithData();
    const hasIds = route.path.includes(":");
    const response = await call(route, own.tenant, "owner", other);

    if (hasIds) {
      expect(response.statusCode).toBe(404);
      expect(errorCode(response)).toBe("not_found");
    } else {
      expect(response.statusCode).toBe(route.successStatus);
      expect(response.body).not.toContain(other.conversationId);
      expect(response.body).not.toContain(other.numberId);
    }
  });

  it("succeeds for an owner", async () => {
    const { tenant, conversationId, numberId } = await tenantWithData();
    const response = await call(route, tenant, "owner", {
      conversationId,
      numberId,
    });

    expect(response.statusCode).toBe(route.successStatus);
  });

  if (route.method !== "GET") {
    it("rejects a missing CSRF token", async () => {
      const { tenant, conversationId, numberId } = await tenantWithData();
      const response = await call(
        route,
        tenant,
        "owner",
        { conversationId, numberId },
        true,
      );

      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("csrf_failed");
    });
  }

  if (route.level === "view") {
    it("allows view-only staff", async () => {
      const { tenant, conversationId, numberId } = await tenantWithData();
      const response = await call(route, tenant, "viewer", {
        conversationId,
        numberId,
      });

      expect(response.statusCode).toBe(route.successStatus);
    });
  } else {
    it("rejects view-only staff", async () => {
      const { tenant, conversationId, numberId } = await tenantWithData();
      const response = await call(route, tenant, "viewer", {
        conversationId,
        numberId,
      });

      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("missing_permission");
      const label =
        route.level === "manage" ? "Manage company" : "SMS Inbox (send)";
      expect(response.json().error.message).toContain(`"${label}" permission`);
    });
  }

  if (route.level === "manage") {
    it("allows managers at any location", async () => {
      const { tenant, conversationId, numberId } = await tenantWithData();
      const response = await call(route, tenant, "outsider", {
        conversationId,
        numberId,
      });

      expect(response.statusCode).toBe(route.successStatus);
    });
  } else {
    it("rejects staff outside enabled locations", async () => {
      const { tenant, conversationId, numberId } = await tenantWithData();
      const response = await call(route, tenant, "outsider", {
        conversationId,
        numberId,
      });

      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("plugin_not_enabled");
    });
  }
});
