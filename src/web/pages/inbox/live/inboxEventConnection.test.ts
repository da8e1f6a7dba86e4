import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { InboxEvent } from "../../../../common/api";
import {
  connectionTimings,
  InboxEventConnection,
  type EventSourceLike,
} from "./inboxEventConnection";

/** A stand-in for EventSource that the test drives by hand. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  send(id: string, data: unknown) {
    const message = new MessageEvent<string>("message", {
      data: JSON.stringify(data),
      lastEventId: id,
    });
    this.onmessage?.(message);
  }

  /** Fails like a dropped connection, or like an error status when `final`. */
  fail(final: boolean) {
    this.readyState = final ? 2 : 0;
    this.onerror?.(new Event("error"));
  }

  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

const event: InboxEvent = {
  type: "message.created",
  conversation: {
    id: "c1",
    customerNumber: "+14155550142",
    customer: null,
    customerMatches: [],
    customerName: null,
    inboxNumber: "+14155550100",
    lastMessageAt: "2026-12-04T10:00:00.000Z",
    lastMessagePreview: "Hi",
    lastMessageFailed: false,
    unreadCount: 1,
    optOut: { optedOut: false, at: null, keyword: null },
  },
  message: null,
  totalUnread: 1,
};

let sources: FakeSource[];
let now: number;
let connection: InboxEventConnection;

beforeEach(() => {
  vi.useFakeTimers();
  sources = [];
  now = 1_000_000;
  connection = new InboxEventConnection(
    "/events",
    (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    () => now,
  );
});

afterEach(() => {
  connection.stop();
  vi.useRealTimers();
});

describe("InboxEventConnection", () => {
  it("delivers parsed events to listeners", () => {
    const received: InboxEvent[] = [];
    connection.onEvent((item) => received.push(item));
    connection.start();
    sources[0]?.open();

    sources[0]?.send("7", event);
    sources[0]?.send("8", { type: "unknown.kind" });

    expect(received).toEqual([event]);
  });

  it("resyncs after the first open only", () => {
    const resync = vi.fn();
    connection.onResync(resync);
    connection.start();

    sources[0]?.open();
    sources[0]?.fail(false);
    sources[0]?.open();

    expect(resync).toHaveBeenCalledTimes(1);
    expect(sources).toHaveLength(1);
  });

  it("resyncs after a long outage", () => {
    const resync = vi.fn();
    connection.start();
    sources[0]?.open();
    connection.onResync(resync);

    sources[0]?.fail(false);
    now += connectionTimings.resyncAfter + 1;
    sources[0]?.open();

    expect(resync).toHaveBeenCalledTimes(1);
  });

  it("reopens a closed source from the last id", () => {
    const resync = vi.fn();
    connection.onResync(resync);
    connection.start();
    sources[0]?.open();
    sources[0]?.send("42", event);

    sources[0]?.fail(true);
    expect(connection.isConnected).toBe(false);
    vi.advanceTimersByTime(connectionTimings.reopenFirst);
    sources[1]?.open();

    expect(sources[0]?.closed).toBe(true);
    expect(sources[1]?.url).toBe("/events?lastEventId=42");
    expect(connection.isConnected).toBe(true);
    expect(resync).toHaveBeenCalledTimes(1);
  });

  it("backs off between reopen attempts", () => {
    connection.start();
    sources[0]?.fail(true);
    vi.advanceTimersByTime(connectionTimings.reopenFirst);
    sources[1]?.fail(true);

    vi.advanceTimersByTime(connectionTimings.reopenFirst);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(connectionTimings.reopenFirst);
    expect(sources).toHaveLength(3);
  });

  it("reports connection status changes", () => {
    const statuses: boolean[] = [];
    connection.onStatus((connected) => statuses.push(connected));
    connection.start();

    sources[0]?.open();
    sources[0]?.fail(false);
    sources[0]?.open();
    connection.stop();

    expect(statuses).toEqual([true, false, true, false]);
    expect(sources[0]?.closed).toBe(true);
  });
});
