import type { ServerResponse } from "node:http";
import type { AppContext } from "../../../context.js";
import { countViewerUnread, loadEventPayload } from "./event-payload.js";
import { readEventLog } from "./batched-reads.js";
import type { StreamViewer } from "./event-queries.js";
import { onInboxEvents } from "./event-signal.js";
import { onPollTick } from "./poll-clock.js";
import { formatComment, formatEvent } from "./sse-format.js";
import { openSseResponse, writeChunk } from "./sse-response.js";
import { keepsAccess } from "./stream-access.js";

/** Timings of a stream, in milliseconds. Tests may shorten them. */
export const streamTimings = {
  /** How long a browser waits before it reconnects. */
  retry: 2_000,
  /** How often the log is read without a wake, for other processes' writes. */
  poll: 1_000,
  /** How often a comment keeps proxies from closing an idle connection. */
  heartbeat: 15_000,
  /** How often an idle stream checks the viewer's session and access again. */
  accessCheck: 30_000,
  /** How long a batch trusts the last successful access lookup. */
  accessRecheck: 1_000,
};

const BATCH_SIZE = 100;

export interface StreamOptions {
  viewer: StreamViewer;
  /** Id of the last event the client has; later ones are sent. */
  cursor: number;
  /**
   * Resolves false once the viewer's session ended or they lost view
   * access. Batches call it at most once per `accessRecheck`.
   */
  hasViewAccess(): Promise<boolean>;
  onClose(): void;
}

/**
 * Sends one client the inbox events of its staff member's company after
 * the cursor, in log order. The cursor moves past each event it sends, so
 * no event is sent twice on one connection. A wake from a writer in
 * this process, or the poll, starts a read of the log.
 */
export class InboxEventStream {
  readonly viewer: StreamViewer;
  private cursor: number;
  private reading = false;
  private readAgain = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopListening: () => void = () => {};
  private stopPolling: () => void = () => {};
  /** When hasViewAccess last returned true; 0 before the first lookup. */
  private accessCheckedAt = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly response: ServerResponse,
    private readonly options: StreamOptions,
  ) {
    this.viewer = options.viewer;
    this.cursor = options.cursor;
  }

  start(): void {
    this.response.on("close", () => this.close());
    this.response.on("error", (error) => {
      this.ctx.logger.debug(
        { err: error, ...this.viewer },
        "event stream error",
      );
      this.close();
    });
    if (!openSseResponse(this.response, streamTimings.retry, this.cursor)) {
      this.close();

      return;
    }

    this.stopListening = onInboxEvents(this.viewer.companyId, () =>
      this.wake(),
    );
    this.stopPolling = onPollTick(
      this.viewer.companyId,
      streamTimings.poll,
      () => this.wake(),
    );
    this.every(streamTimings.heartbeat, () => {
      this.response.write(formatComment("keep-alive"));
    });
    this.every(streamTimings.accessCheck, () => void this.checkAccess());
    this.wake();
  }

  /** Ends the response; the client reconnects unless it is going away. */
  close(): void {
    if (this.closed) return;

    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.stopListening();
    this.stopPolling();
    if (!this.response.writableEnded) this.response.end();
    this.options.onClose();
  }

  /** Reads the log now, or right after the read in progress. */
  private wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;

      return;
    }

    this.reading = true;
    void this.readLog();
  }

  private async readLog(): Promise<void> {
    try {
      while (!this.closed) {
        this.readAgain = false;
        const full = await this.sendBatch();
        if (!full && !this.readAgain) break;
      }
    } catch (error) {
      this.ctx.logger.error(
        { err: error, ...this.viewer, cursor: this.cursor },
        "inbox event stream failed",
      );
      this.close();
    }
    // Set in the same step as the loop's last check, so no wake is lost.
    this.reading = false;
  }

  /**
   * Sends the next batch; returns true when more may be waiting. The batch
   * is read for every staff member of the company, so the cursor moves to
   * its last event even when that event is for someone else.
   */
  private async sendBatch(): Promise<boolean> {
    const { db } = this.ctx;
    const batch = await readEventLog(db, this.viewer, this.cursor, BATCH_SIZE);
    if (batch.lastId === null) return false;

    const { rows } = batch;
    if (rows.length === 0) {
      this.cursor = batch.lastId;

      return batch.full;
    }

    if (!(await this.viewAccessStillValid())) {
      this.ctx.logger.info(
        { ...this.viewer },
        "event stream closed: session or inbox access ended",
      );
      this.close();

      return false;
    }

    // Awaited with the first event's payload, so it costs no round trip of
    // its own. Every later event of the batch reuses the same count.
    const totalUnread = countViewerUnread(db, this.viewer);
    for (const row of rows) {
      const payload = await loadEventPayload(db, this.viewer, row, totalUnread);
      if (this.closed) return false;

      if (payload) {
        await writeChunk(this.response, formatEvent(row.id, payload));
      }
      this.cursor = row.id;
    }
    this.cursor = batch.lastId;

    return batch.full;
  }

  /**
   * Checks the session and view access unless a check succeeded less than
   * `accessRecheck` ago. A busy inbox then costs one lookup per stream and
   * second. A signed-out, deactivated or moved member, or one whose
   * locations no longer have the inbox, receives events for at most that
   * long after the change.
   */
  private async viewAccessStillValid(): Promise<boolean> {
    const now = Date.now();
    if (now - this.accessCheckedAt < streamTimings.accessRecheck) {
      return true;
    }

    const valid = await this.options.hasViewAccess();
    if (valid) this.accessCheckedAt = now;

    return valid;
  }

  private async checkAccess(): Promise<void> {
    const check = () => this.options.hasViewAccess();
    if (await keepsAccess(this.ctx, this.viewer, check)) return;

    this.close();
  }

  private every(ms: number, tick: () => void): void {
    const timer = setInterval(tick, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
