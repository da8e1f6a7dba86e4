import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteSession } from "../../src/server/auth/session-store.js";
import { streamTimings } from "../../src/server/plugins/sms-inbox/events/event-stream.js";
import {
  MAX_STREAMS_PER_STAFF,
  streamHubOf,
} from "../../src/server/plugins/sms-inbox/events/stream-hub.js";
import {
  buildInboxTenant,
  connect,
  postInbound,
  startListeningApp,
  type ListeningApp,
} from "./events-fixture.js";

let server: ListeningApp;
const defaultTimings = { ...streamTimings };

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  Object.assign(streamTimings, defaultTimings);
  await server.close();
});

function openStreamCount(staffId?: string): number {
  return streamHubOf(server.test.ctx).countOf(staffId);
}

describe("inbox event stream lifecycle", () => {
  it("ends open streams on app close", async () => {
    const tenant = await buildInboxTenant(server);
    const owner = await connect(server, tenant.owner);
    const viewer = await connect(server, tenant.viewer);

    const started = Date.now();
    await server.test.app.close();

    expect(Date.now() - started).toBeLessThan(2_000);
    await owner.ended;
    await viewer.ended;
    expect(openStreamCount()).toBe(0);
  });

  it("forgets a stream the client closed", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);
    expect(openStreamCount(tenant.owner.id)).toBe(1);

    stream.close();

    await expect.poll(() => openStreamCount(tenant.owner.id)).toBe(0);
  });

  it("limits streams per staff member", async () => {
    const tenant = await buildInboxTenant(server);
    const open = [];
    for (let i = 0; i < MAX_STREAMS_PER_STAFF; i += 1) {
      open.push(await connect(server, tenant.owner));
    }
    expect(open.every((stream) => stream.status === 200)).toBe(true);

    const rejected = await connect(server, tenant.owner);
    const colleague = await connect(server, tenant.viewer);

    expect(rejected.status).toBe(429);
    expect(colleague.status).toBe(200);
    open[0]?.close();
    await expect
      .poll(() => openStreamCount(tenant.owner.id))
      .toBe(MAX_STREAMS_PER_STAFF - 1);
    expect((await connect(server, tenant.owner)).status).toBe(200);
  });

  it("sends heartbeat comments", async () => {
    streamTimings.heartbeat = 50;
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);

    await expect.poll(() => stream.commentCount()).toBeGreaterThan(1);
  });

  it("ends the stream after sign-out", async () => {
    streamTimings.accessCheck = 50;
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.owner);
    const token = tenant.owner.cookie.split("=")[1] ?? "";

    await deleteSession(server.test.ctx.db, token);

    await stream.ended;
    expect(openStreamCount(tenant.owner.id)).toBe(0);
  });

  it("sends nothing after the staff member is deactivated", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.viewer);

    await server.test.ctx.db
      .updateTable("staff")
      .set({ active: 0 })
      .where("id", "=", tenant.viewer.id)
      .execute();
    await postInbound(server, tenant, { Body: "Private details" });

    await stream.ended;
    const events = await stream.collect(100);
    expect(events).toEqual([]);
    expect(openStreamCount(tenant.viewer.id)).toBe(0);
  });

  it("sends nothing once the inbox is disabled", async () => {
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.viewer);

    await server.test.ctx.db
      .deleteFrom("plugin_locations")
      .where("company_id", "=", tenant.company.id)
      .execute();
    await postInbound(server, tenant, { Body: "Private details" });

    await stream.ended;
    expect(await stream.collect(100)).toEqual([]);
    expect(openStreamCount(tenant.viewer.id)).toBe(0);
  });

  it("sends nothing once the member leaves every inbox location", async () => {
    const tenant = await buildInboxTenant(server);
    const viewer = await connect(server, tenant.viewer);
    const owner = await connect(server, tenant.owner);

    await server.test.ctx.db
      .deleteFrom("staff_locations")
      .where("staff_id", "=", tenant.viewer.id)
      .execute();
    await postInbound(server, tenant, { Body: "Private details" });

    await viewer.ended;
    expect(await viewer.collect(100)).toEqual([]);
    expect((await owner.next(1_000)).data).toContain("Private details");
  });

  it("ends the stream once the inbox is disabled", async () => {
    streamTimings.accessCheck = 50;
    const tenant = await buildInboxTenant(server);
    const stream = await connect(server, tenant.viewer);

    await server.test.ctx.db
      .deleteFrom("plugin_locations")
      .where("company_id", "=", tenant.company.id)
      .execute();

    await stream.ended;
    expect(openStreamCount(tenant.viewer.id)).toBe(0);
  });
});
