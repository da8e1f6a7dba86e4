import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, InboxInfo } from "../../src/common/api.js";
import type { Db } from "../../src/server/db/database.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { markConversationRead } from "../../src/server/plugins/sms-inbox/conversations/read-state.js";
import {
  buildTenant,
  callApi,
  seedInbound,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import type { BuiltStaff } from "../support/factories.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

const START = Date.now() - 24 * 60 * 60 * 1000;

function minute(minutes: number): string {
  return new Date(START + minutes * 60 * 1000).toISOString();
}

/** Counts unread messages by scanning them, as the definition reads. */
async function scannedUnread(
  db: Db,
  companyId: string,
  staffId: string,
  conversationId?: string,
): Promise<number> {
  const { rows } = await sql<{ count: number | string }>`
    SELECT count(*) AS count FROM messages m
    JOIN conversations c ON c.id = m.conversation_id
    LEFT JOIN conversation_reads r
      ON r.conversation_id = c.id AND r.staff_id = ${staffId}
    WHERE c.company_id = ${companyId}
      AND m.direction = 'inbound'
      AND (r.last_read_at IS NULL OR m.created_at > r.last_read_at)
      ${conversationId === undefined ? sql`` : sql`AND c.id = ${conversationId}`}
  `.execute(db);

  return Number(rows[0]?.count ?? 0);
}

async function totalUnread(staff: BuiltStaff): Promise<number> {
  const response = await callApi(server, staff, "GET", "/inbox");

  return response.json<InboxInfo>().totalUnread;
}

async function conversationUnread(
  staff: BuiltStaff,
  conversationId: string,
): Promise<number> {
  const response = await callApi(
    server,
    staff,
    "GET",
    `/conversations/${conversationId}`,
  );

  return response.json<Conversation>().unreadCount;
}

async function readAt(
  tenant: Tenant,
  staff: BuiltStaff,
  conversationId: string,
  at: string,
) {
  await markConversationRead(server.ctx.db, {
    companyId: tenant.company.id,
    conversationId,
    staffId: staff.id,
    readAt: at,
  });
}

describe("unread counters", () => {
  it("count a late text older than the read as read", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155558001",
      at: minute(1),
    });
    await readAt(tenant, tenant.owner, conversationId, minute(10));

    // Stored after the read, but created before it.
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155558001",
      at: minute(5),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155558001",
      at: minute(20),
    });

    expect(await conversationUnread(tenant.owner, conversationId)).toBe(1);
    expect(await totalUnread(tenant.owner)).toBe(1);
    expect(await conversationUnread(tenant.viewer, conversationId)).toBe(3);
    expect(await totalUnread(tenant.viewer)).toBe(3);
  });

  it("ignore a read time that moves backwards", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155558101",
      at: minute(1),
    });
    await seedInbound(server.ctx, tenant.company, {
      from: "+14155558101",
      at: minute(3),
    });
    await readAt(tenant, tenant.owner, conversationId, minute(4));
    await readAt(tenant, tenant.owner, conversationId, minute(2));

    expect(await conversationUnread(tenant.owner, conversationId)).toBe(0);
    expect(await totalUnread(tenant.owner)).toBe(0);
  });

  it("agree with a scan after mixed texts and reads", async () => {
    const tenant = await buildTenant(server);
    const staff = [tenant.owner, tenant.viewer];
    const conversations = new Map<string, string>();
    // A fixed linear congruential sequence keeps the run reproducible.
    let state = 7;
    const next = (bound: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % bound;
    };

    for (let step = 0; step < 120; step += 1) {
      const customer = `+1415555820${next(5)}`;
      const known = conversations.get(customer);
      if (known && next(3) === 0) {
        const reader = staff[next(2)];
        if (reader) await readAt(tenant, reader, known, minute(next(200)));
        continue;
      }
      const { conversationId } = await seedInbound(server.ctx, tenant.company, {
        from: customer,
        at: minute(next(200)),
      });
      conversations.set(customer, conversationId);
    }

    for (const member of staff) {
      expect(await totalUnread(member)).toBe(
        await scannedUnread(server.ctx.db, tenant.company.id, member.id),
      );
      for (const conversationId of conversations.values()) {
        expect(await conversationUnread(member, conversationId)).toBe(
          await scannedUnread(
            server.ctx.db,
            tenant.company.id,
            member.id,
            conversationId,
          ),
        );
      }
    }
  });

  it("leave outbound texts out", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155558301",
      at: minute(1),
    });
    await server.ctx.db.transaction().execute((trx) =>
      recordMessage(trx, {
        companyId: tenant.company.id,
        customerNumber: "+14155558301",
        inboxNumber: "+14155550100",
        direction: "outbound",
        twilioSid: null,
        from: "+14155550100",
        to: "+14155558301",
        body: "Reply",
        status: "queued",
        sentByStaffId: tenant.owner.id,
        media: [],
        createdAt: minute(2),
      }),
    );

    expect(await conversationUnread(tenant.viewer, conversationId)).toBe(1);
    expect(await totalUnread(tenant.viewer)).toBe(1);
  });
});
