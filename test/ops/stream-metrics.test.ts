import { afterEach, describe, expect, it } from "vitest";
import {
  buildInboxTenant,
  connect,
  startListeningApp,
  type ListeningApp,
} from "../events/events-fixture.js";
import { waitUntil } from "../outbox/outbox-fixture.js";
import { sampleValue, scrapeMetrics } from "./metrics-text.js";

const STREAMS_OPEN = "sms_inbox_event_streams_open";

let server: ListeningApp | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("event stream metrics", () => {
  it("counts open streams", async () => {
    server = await startListeningApp();
    const { app } = server.test;
    const tenant = await buildInboxTenant(server);
    const before = sampleValue(await scrapeMetrics(app), STREAMS_OPEN);

    const first = await connect(server, tenant.owner);
    await connect(server, tenant.viewer);
    const open = sampleValue(await scrapeMetrics(app), STREAMS_OPEN);
    first.close();
    await waitUntil(
      async () => sampleValue(await scrapeMetrics(app), STREAMS_OPEN) === 1,
    );

    expect(before).toBe(0);
    expect(open).toBe(2);
  });
});
