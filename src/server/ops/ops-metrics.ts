import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from "prom-client";
import type { AppContext } from "../context.js";
import { streamHubOf } from "../plugins/sms-inbox/events/stream-hub.js";
import { countQueuedJobs } from "./queue-depth.js";

export type WebhookKind = "message" | "status";
export type WebhookOutcome = "accepted" | "rejected" | "failed";
export type SendOutcome =
  "sent" | "failed_permanent" | "retried" | "reconciled";

let processRegistry: Registry | null = null;

/**
 * Returns the registry of Node's process metrics (CPU, memory, event loop).
 * They describe the whole process, so every app shares one registry, and
 * their collectors start once however many apps a test run builds.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }

  return processRegistry;
}

/**
 * The Prometheus metrics of one app, in a registry of its own rather than
 * prom-client's global one. Labels carry only fixed names such as a route
 * pattern or a rejection reason, never a phone number, token or id.
 */
export class OpsMetrics {
  private readonly registry = new Registry();

  readonly webhooksReceived = new Counter({
    name: "sms_inbox_webhooks_received_total",
    help: "Twilio webhook requests by kind (message or status) and outcome (accepted, rejected or failed).",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });

  readonly webhooksRejected = new Counter({
    name: "sms_inbox_webhooks_rejected_total",
    help: "Rejected Twilio webhook requests by kind and reason.",
    labelNames: ["kind", "reason"] as const,
    registers: [this.registry],
  });

  readonly sends = new Counter({
    name: "sms_inbox_outbox_sends_total",
    help: "Outbox send attempts by outcome: sent, failed_permanent, retried, or reconciled (found on Twilio after an interrupted attempt).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: "sms_inbox_http_request_duration_seconds",
    help: "HTTP request latency in seconds by method, route pattern and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(ctx: AppContext) {
    new Gauge({
      name: "sms_inbox_outbox_queue_depth",
      help: "Outbox jobs waiting or being sent (states pending and sending), counted on each scrape.",
      registers: [this.registry],
      async collect() {
        this.set(await countQueuedJobs(ctx.db));
      },
    });
    new Gauge({
      name: "sms_inbox_event_streams_open",
      help: "Live inbox event streams (server-sent events) open now.",
      registers: [this.registry],
      collect() {
        this.set(streamHubOf(ctx).countOf());
      },
    });
  }

  countSend(outcome: SendOutcome): void {
    this.sends.inc({ outcome });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Renders the app's and the process's metrics in Prometheus text format. */
  render(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }
}
