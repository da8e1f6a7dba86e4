import type { AppContext } from "../context.js";
import { OpsMetrics, type SendOutcome } from "./ops-metrics.js";

/** Operations state of one app: its metrics and whether it is shutting down. */
export interface OpsState {
  readonly metrics: OpsMetrics;
  /** True once shutdown began, so /readyz returns 503. */
  draining: boolean;
  /** The readiness check that failed last, so a repeat is not logged again. */
  lastFailedCheck: string | null;
}

const states = new WeakMap<AppContext, OpsState>();

/**
 * Returns the operations state of the app built with `ctx`. The outbox
 * worker shares the app's context, so its sends count in the same metrics.
 */
export function opsStateOf(ctx: AppContext): OpsState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      metrics: new OpsMetrics(ctx),
      draining: false,
      lastFailedCheck: null,
    };
    states.set(ctx, state);
  }

  return state;
}

/** Makes /readyz return 503 from now on, as shutdown begins. */
export function beginDraining(ctx: AppContext): void {
  opsStateOf(ctx).draining = true;
}

/** Counts one outbox attempt's outcome in the app's metrics. */
export function countSendOutcome(ctx: AppContext, outcome: SendOutcome): void {
  opsStateOf(ctx).metrics.countSend(outcome);
}
