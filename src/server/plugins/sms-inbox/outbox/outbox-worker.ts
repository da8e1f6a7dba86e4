import { randomUUID } from "node:crypto";
import type { AppContext } from "../../../context.js";
import { deliverJob } from "./job-delivery.js";
import { claimNextJob, nextDueAt, releaseLeases } from "./lease-queries.js";
import { onOutboxNotify } from "./outbox-signal.js";
import { sendIntervalMs } from "./sender-slots.js";

export interface OutboxWorkerOptions {
  /** Maximum wait between polls, in ms. A committed send ends it sooner. */
  pollIntervalMs?: number;
  /**
   * Releases every lease at start. Use it for a database that only this
   * process uses, such as a SQLite file, where a job still "sending" belongs
   * to a process that died. With several processes, leave it off so that
   * only expired leases are taken over.
   */
  releaseLeasesAtStart?: boolean;
}

const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * Delivers queued texts one at a time, oldest due first, and at most
 * OUTBOX_RATE_PER_NUMBER per second from each number. Each job is
 * claimed with a lease, so a job whose worker died is taken over once the
 * lease expires. The lease outlasts the longest attempt: two searches on
 * Twilio and a send, each bounded by the Twilio timeout.
 */
export class OutboxWorker {
  readonly id = `outbox-${randomUUID()}`;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private stopListening: (() => void) | null = null;
  private woken = false;
  private wakeSleeper: (() => void) | null = null;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  /** 0 when the per-number rate is unlimited. */
  private readonly sendIntervalMs: number;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.leaseMs = 4 * ctx.config.twilioTimeoutMs + 10_000;
    this.sendIntervalMs = sendIntervalMs(ctx.config);
  }

  /** Starts polling. A stopped worker does not start again. */
  start(): void {
    if (this.running || this.stopped) return;

    this.running = true;
    this.stopListening = onOutboxNotify(this.ctx.db, () => this.wake());
    this.loop = this.run();
    this.ctx.logger.info({ workerId: this.id }, "outbox worker started");
  }

  /** Stops claiming jobs and resolves once the send in progress finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.running) return;

    this.running = false;
    this.stopListening?.();
    this.wake();
    await this.loop;
    this.ctx.logger.info({ workerId: this.id }, "outbox worker stopped");
  }

  /** Ends the current wait so the worker looks for due jobs now. */
  wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  /**
   * Takes over expired leases, then delivers every job that is due, one at
   * a time, until none is left or the worker stops. Returns the count. The
   * polling loop calls it; tests may call it on a worker never started.
   */
  async deliverDueJobs(): Promise<number> {
    const now = new Date().toISOString();
    await releaseLeases(this.ctx.db, { now, expiredBefore: now });
    let delivered = 0;
    while (!this.stopped) {
      const at = new Date();
      const job = await claimNextJob(this.ctx.db, {
        workerId: this.id,
        now: at.toISOString(),
        lockedUntil: new Date(at.getTime() + this.leaseMs).toISOString(),
        sendIntervalMs: this.sendIntervalMs,
      });
      if (!job) break;

      await deliverJob(this.ctx, job);
      delivered += 1;
    }

    return delivered;
  }

  private async run(): Promise<void> {
    if (this.options.releaseLeasesAtStart) {
      await this.releaseAllLeases().catch((error: unknown) => {
        this.logFailure(error, "outbox lease release failed");
      });
    }

    while (this.running) {
      let waitMs = this.pollIntervalMs;
      try {
        await this.deliverDueJobs();
        waitMs = await this.msUntilNextDue();
      } catch (error) {
        this.logFailure(error, "outbox poll failed");
      }
      await this.sleep(waitMs);
    }
  }

  private logFailure(error: unknown, message: string): void {
    this.ctx.logger.error({ err: error, workerId: this.id }, message);
  }

  private async releaseAllLeases(): Promise<void> {
    const now = new Date().toISOString();
    const released = await releaseLeases(this.ctx.db, {
      now,
      expiredBefore: null,
    });
    if (released > 0) {
      this.ctx.logger.warn(
        { workerId: this.id, jobs: released },
        "outbox jobs left sending by a stopped process will be reconciled",
      );
    }
  }

  private async msUntilNextDue(): Promise<number> {
    const due = await nextDueAt(this.ctx.db, {
      rateLimited: this.sendIntervalMs > 0,
    });
    if (due === null) return this.pollIntervalMs;

    const wait = Date.parse(due) - Date.now();

    return Math.min(this.pollIntervalMs, Math.max(0, wait));
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;

      return Promise.resolve();
    }

    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeSleeper = finish;
    });
  }
}
