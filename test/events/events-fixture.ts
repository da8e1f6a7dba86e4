import type { InboxEvent } from "../../src/common/api.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildStaff, type BuiltStaff } from "../support/factories.js";
import { type FormParams } from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  inboundParams,
  postSigned,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";
import {
  openEventStream,
  type SseConnection,
  type SseEvent,
} from "./sse-client.js";

export const EVENTS_PATH = "/api/plugins/sms-chat/events";

export interface ListeningApp {
  test: TestApp;
  baseUrl: string;
  /** Streams opened through `connect`, destroyed by `close`. */
  streams: SseConnection[];
  close(): Promise<void>;
}

/** Builds a test app listening on a random loopback port. */
export async function startListeningApp(): Promise<ListeningApp> {
  const test = await buildTestApp();
  const baseUrl = await test.app.listen({ port: 0, host: "127.0.0.1" });
  const streams: SseConnection[] = [];

  return {
    test,
    baseUrl,
    streams,
    close: async () => {
      for (const stream of streams) stream.close();
      await test.close();
    },
  };
}

export interface InboxTenant extends InboxCompany {
  owner: BuiltStaff;
  viewer: BuiltStaff;
}

/**
 * Creates a company with the inbox enabled at every location, an owner and
 * a view-only staff member.
 */
export async function buildInboxTenant(
  server: ListeningApp,
): Promise<InboxTenant> {
  const { ctx } = server.test;
  const inbox = await buildInboxCompany(ctx);

  return {
    ...inbox,
    owner: await buildStaff(ctx, inbox.company),
    viewer: await buildStaff(ctx, inbox.company, {
      roleId: inbox.company.viewerRoleId,
    }),
  };
}

/** Opens the event stream as `staff` (signed out when null). */
export async function connect(
  server: ListeningApp,
  staff: BuiltStaff | null,
  options: { lastEventId?: string; query?: string } = {},
): Promise<SseConnection> {
  const headers: Record<string, string> = {};
  if (staff) headers.cookie = staff.cookie;
  if (options.lastEventId !== undefined) {
    headers["last-event-id"] = options.lastEventId;
  }
  const url = `${server.baseUrl}${EVENTS_PATH}${options.query ?? ""}`;
  const stream = await openEventStream(url, headers);
  server.streams.push(stream);

  return stream;
}

/** Posts a signed incoming text to the company's webhook. */
export async function postInbound(
  server: ListeningApp,
  inbox: InboxCompany,
  overrides: FormParams = {},
): Promise<void> {
  const response = await postSigned(
    server.test.app,
    inbox,
    inboundParams(inbox.twilio, overrides),
  );
  if (response.statusCode !== 200) {
    throw new Error(`webhook POST failed with status ${response.statusCode}`);
  }
}

export function parseEvent(event: SseEvent): InboxEvent {
  return JSON.parse(event.data) as InboxEvent;
}
