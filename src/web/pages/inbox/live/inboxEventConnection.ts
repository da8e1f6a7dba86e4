import type { InboxEvent } from "../../../../common/api";
import { parseInboxEvent } from "./parseInboxEvent";

/** The part of the browser's EventSource this module uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export type InboxEventListener = (
  event: InboxEvent,
  receivedAt: number,
) => void;

/** EventSource.CLOSED: the browser gave up and will not reconnect itself. */
const CLOSED = 2;

/** Timings of the connection, in milliseconds. */
export const connectionTimings = {
  /** An outage longer than this reloads the inbox over REST on reconnect. */
  resyncAfter: 30_000,
  /** First and maximum wait before a new EventSource replaces a closed one. */
  reopenFirst: 2_000,
  reopenMax: 30_000,
};

/**
 * One live-update stream of the inbox. The browser's EventSource
 * reconnects by itself and resumes with Last-Event-ID. When it gives up
 * (the server responded with an error status), a new EventSource replaces it,
 * resuming from the last event id it saw. Resync listeners run when events
 * may have been missed: after the first connection, which starts at the
 * newest event, and after an outage longer than `resyncAfter`.
 */
export class InboxEventConnection {
  private source: EventSourceLike | null = null;
  private lastEventId: string | null = null;
  private downSince: number | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private reopenDelay = connectionTimings.reopenFirst;
  private connected = false;
  private readonly listeners = new Set<InboxEventListener>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly createSource: EventSourceFactory,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (!this.source && !this.reopenTimer) this.open();
  }

  stop(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.source?.close();
    this.source = null;
    this.setConnected(false);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Each `on…` method returns the function that removes the listener. */
  onEvent(listener: InboxEventListener): () => void {
    return subscribe(this.listeners, listener);
  }

  onResync(listener: () => void): () => void {
    return subscribe(this.resyncListeners, listener);
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    return subscribe(this.statusListeners, listener);
  }

  private open(): void {
    this.reopenTimer = null;
    const resume = this.lastEventId;
    const url =
      resume === null
        ? this.url
        : `${this.url}?lastEventId=${encodeURIComponent(resume)}`;
    const source = this.createSource(url);
    this.source = source;
    // The browser reconnects this source by itself with Last-Event-ID, so
    // only its first open can have missed events.
    let fresh = resume === null;
    source.onopen = () => {
      this.handleOpen(fresh);
      fresh = false;
    };
    source.onmessage = (message) => this.handleMessage(message);
    source.onerror = () => this.handleError(source);
  }

  private handleOpen(fresh: boolean): void {
    const longOutage =
      this.downSince !== null &&
      this.now() - this.downSince > connectionTimings.resyncAfter;
    this.downSince = null;
    this.reopenDelay = connectionTimings.reopenFirst;
    this.setConnected(true);
    if (fresh || longOutage) {
      for (const listener of [...this.resyncListeners]) listener();
    }
  }

  private handleMessage(message: MessageEvent<string>): void {
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    const event = parseInboxEvent(message.data);
    if (!event) return;

    const receivedAt = this.now();
    for (const listener of [...this.listeners]) listener(event, receivedAt);
  }

  private handleError(source: EventSourceLike): void {
    if (source !== this.source) return;

    this.downSince ??= this.now();
    this.setConnected(false);
    if (source.readyState !== CLOSED) return;

    source.close();
    this.source = null;
    this.reopenTimer = setTimeout(() => this.open(), this.reopenDelay);
    this.reopenDelay = Math.min(
      this.reopenDelay * 2,
      connectionTimings.reopenMax,
    );
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;

    this.connected = connected;
    for (const listener of [...this.statusListeners]) listener(connected);
  }
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);

  return () => {
    set.delete(listener);
  };
}
