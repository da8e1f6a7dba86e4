import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendResult } from "../../src/common/api.js";
import type { AuthContext } from "../../src/server/auth/guard.js";
import { sendOnce } from "../../src/server/plugins/sms-inbox/messages/message-sender.js";
import { buildStaff } from "../support/factories.js";
import {
  buildTenant,
  callApi,
  errorCode,
  seedInbound,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { CUSTOMER, createRequests } from "./outbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

async function outboundCount(tenant: Tenant): Promise<number> {
  const rows = await server.ctx.db
    .selectFrom("messages")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("direction", "=", "outbound")
    .execute();

  return rows.length;
}

async function replyPath(tenant: Tenant): Promise<string> {
  const { conversationId } = await seedInbound(server.ctx, tenant.company, {
    from: CUSTOMER,
  });

  return `/conversations/${conversationId}/messages`;
}

describe("Idempotency-Key header", () => {
  it.each([
    ["missing", null],
    ["too short", "abc1234"],
    ["too long", "k".repeat(201)],
    ["with spaces", "two words here"],
  ])("rejects a key that is %s", async (_case, key) => {
    const tenant = await buildTenant(server);
    const path = await replyPath(tenant);

    const reply = await callApi(server, tenant.owner, "POST", path, {
      body: { body: "Hi" },
      idempotencyKey: key,
    });
    const started = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: "+14155550191", body: "Hi" },
        idempotencyKey: key,
      },
    );

    for (const response of [reply, started]) {
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe("invalid_idempotency_key");
      expect(
        response.json<{ error: { message: string } }>().error.message,
      ).toContain("Idempotency-Key header is");
    }
    expect(await outboundCount(tenant)).toBe(0);
  });
});

describe("repeated send", () => {
  it("returns the same message", async () => {
    const tenant = await buildTenant(server);
    const path = await replyPath(tenant);
    const options = { body: { body: "Coming" }, idempotencyKey: "click-0001" };

    const first = await callApi(server, tenant.owner, "POST", path, options);
    const again = await callApi(server, tenant.owner, "POST", path, options);
    await settleOutbox(server);

    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json<SendResult>().message.id).toBe(
      first.json<SendResult>().message.id,
    );
    expect(await outboundCount(tenant)).toBe(1);
    expect(createRequests(server, tenant)).toBe(1);
  });

  it("sends once when concurrent", async () => {
    const tenant = await buildTenant(server);
    const path = await replyPath(tenant);
    const options = { body: { body: "Parallel" }, idempotencyKey: "race-0001" };

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        callApi(server, tenant.owner, "POST", path, options),
      ),
    );
    await settleOutbox(server);
    const statuses = responses.map((response) => response.statusCode).sort();
    const ids = new Set(
      responses.map((response) => response.json<SendResult>().message.id),
    );

    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(ids.size).toBe(1);
    expect(await outboundCount(tenant)).toBe(1);
    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(createRequests(server, tenant)).toBe(1);
  });

  it("lets the unique key decide a race", async () => {
    const tenant = await buildTenant(server);
    const auth: AuthContext = {
      staffId: tenant.owner.id,
      companyId: tenant.company.id,
      permissions: new Set(),
      locationIds: [tenant.enabledLocationId],
      csrfToken: tenant.owner.csrfToken,
    };
    const key = { key: "race-key-2", requestHash: "same-request" };
    const text = {
      from: tenant.connection.defaultNumber,
      to: CUSTOMER,
      body: "Only once",
    };
    // Both requests pass the lookup of earlier sends before either inserts.
    let arrivals = 0;
    let release = () => {};
    const bothChecked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const prepare = async () => {
      arrivals += 1;
      if (arrivals === 2) release();
      await bothChecked;

      return text;
    };

    const results = await Promise.all([
      sendOnce(server.ctx, auth, key, prepare),
      sendOnce(server.ctx, auth, key, prepare),
    ]);
    await settleOutbox(server);

    expect(arrivals).toBe(2);
    expect(results.map((sent) => sent.replayed).sort()).toEqual([false, true]);
    expect(results[0]?.messageId).toBe(results[1]?.messageId);
    expect(await outboundCount(tenant)).toBe(1);
    expect(createRequests(server, tenant)).toBe(1);
  });

  it("repeats a new conversation once", async () => {
    const tenant = await buildTenant(server);
    const options = {
      body: { to: "(415) 555-0192", body: "Welcome" },
      idempotencyKey: "new-conversation-1",
    };

    const [first, again] = await Promise.all([
      callApi(server, tenant.owner, "POST", "/conversations", options),
      callApi(server, tenant.owner, "POST", "/conversations", options),
    ]);
    await settleOutbox(server);
    const conversations = await server.ctx.db
      .selectFrom("conversations")
      .select("id")
      .where("company_id", "=", tenant.company.id)
      .execute();

    expect([first.statusCode, again.statusCode].sort()).toEqual([200, 201]);
    expect(conversations).toHaveLength(1);
    expect(await outboundCount(tenant)).toBe(1);
    expect(createRequests(server, tenant)).toBe(1);
  });

  it("rejects a key reused for another body", async () => {
    const tenant = await buildTenant(server);
    const path = await replyPath(tenant);
    const key = "reused-key-1";

    await callApi(server, tenant.owner, "POST", path, {
      body: { body: "First" },
      idempotencyKey: key,
    });
    const reused = await callApi(server, tenant.owner, "POST", path, {
      body: { body: "Second" },
      idempotencyKey: key,
    });

    expect(reused.statusCode).toBe(409);
    expect(errorCode(reused)).toBe("idempotency_key_reused");
    expect(await outboundCount(tenant)).toBe(1);
  });

  it("keeps keys apart per staff member", async () => {
    const tenant = await buildTenant(server);
    const colleague = await buildStaff(server.ctx, tenant.company, {
      locationIds: [tenant.enabledLocationId],
    });
    const path = await replyPath(tenant);
    const options = {
      body: { body: "Same words" },
      idempotencyKey: "shared-1",
    };

    const mine = await callApi(server, tenant.owner, "POST", path, options);
    const theirs = await callApi(server, colleague, "POST", path, options);

    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(await outboundCount(tenant)).toBe(2);
  });
});
