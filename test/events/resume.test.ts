import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildInboxTenant,
  connect,
  parseEvent,
  postInbound,
  startListeningApp,
  type ListeningApp,
} from "./events-fixture.js";

let server: ListeningApp;

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  await server.close();
});

describe("inbox event stream resume", () => {
  it("resends missed events once in order", async () => {
    const tenant = await buildInboxTenant(server);
    const first = await connect(server, tenant.owner);
    await postInbound(server, tenant, { Body: "one" });
    const seen = await first.next(1_000);
    first.close();

    await postInbound(server, tenant, { Body: "two" });
    await postInbound(server, tenant, { Body: "three" });
    const resumed = await connect(server, tenant.owner, {
      lastEventId: seen.id ?? "",
    });
    const two = await resumed.next(1_000);
    const three = await resumed.next(1_000);

    expect(parseEvent(two).message?.body).toBe("two");
    expect(parseEvent(three).message?.body).toBe("three");
    expect(Number(two.id)).toBeGreaterThan(Number(seen.id));
    expect(Number(three.id)).toBeGreaterThan(Number(two.id));
    // Longer than the poll interval, so a repeat would have arrived.
    expect(await resumed.collect(1_500)).toEqual([]);
  });

  it("resumes from the lastEventId parameter", async () => {
    const tenant = await buildInboxTenant(server);
    const first = await connect(server, tenant.owner);
    await postInbound(server, tenant, { Body: "one" });
    const seen = await first.next(1_000);
    first.close();
    await postInbound(server, tenant, { Body: "two" });

    const resumed = await connect(server, tenant.owner, {
      query: `?lastEventId=${seen.id}`,
    });

    expect(parseEvent(await resumed.next(1_000)).message?.body).toBe("two");
  });

  it("starts a fresh stream after existing events", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { Body: "before" });

    const stream = await connect(server, tenant.owner);
    await postInbound(server, tenant, { Body: "after" });

    expect(parseEvent(await stream.next(1_000)).message?.body).toBe("after");
    expect(await stream.collect(1_200)).toEqual([]);
  });

  it("announces the start position first", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { Body: "before" });
    const latest = await server.test.ctx.db
      .selectFrom("inbox_events")
      .select((eb) => eb.fn.max("id").as("id"))
      .where("company_id", "=", tenant.company.id)
      .executeTakeFirstOrThrow();

    const stream = await connect(server, tenant.owner);

    await expect.poll(() => stream.lastEventId()).toBe(String(latest.id));
  });

  it("starts afresh on an unknown event id", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { Body: "before" });

    for (const lastEventId of ["999999999", "not-an-id", "-1"]) {
      const stream = await connect(server, tenant.owner, { lastEventId });
      expect(stream.status).toBe(200);
      expect(await stream.collect(1_200)).toEqual([]);
      stream.close();
    }
  });

  it("keeps companies apart", async () => {
    const harbor = await buildInboxTenant(server);
    const rival = await buildInboxTenant(server);
    const harborStream = await connect(server, harbor.owner);
    // Resuming from the start of the log must not reach the other company.
    const rivalStream = await connect(server, rival.owner, {
      lastEventId: "0",
    });

    await postInbound(server, harbor, { Body: "harbor only" });
    const harborEvent = parseEvent(await harborStream.next(1_000));

    expect(harborEvent.message?.body).toBe("harbor only");
    expect(await rivalStream.collect(1_500)).toEqual([]);

    await postInbound(server, rival, { Body: "rival only" });
    const rivalEvent = parseEvent(await rivalStream.next(1_000));

    expect(rivalEvent.message?.body).toBe("rival only");
    expect(rivalEvent.conversation.id).not.toBe(harborEvent.conversation.id);
    expect(await harborStream.collect(1_500)).toEqual([]);
  });
});
