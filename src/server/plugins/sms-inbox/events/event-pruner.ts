import type { AppContext } from "../../../context.js";
import { deleteEventsBefore } from "./event-queries.js";

/**
 * How long events stay in the log. A client that was away longer than a
 * few seconds reloads the inbox over REST anyway, so a day is ample.
 */
const RETENTION_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes expired events every hour until the returned function is called.
 * Every instance prunes, which is harmless because a delete by age is
 * idempotent.
 */
export function startEventPruner(ctx: AppContext): () => void {
  const prune = async () => {
    try {
      const before = new Date(Date.now() - RETENTION_MS).toISOString();
      const deleted = await deleteEventsBefore(ctx.db, before);
      if (deleted > 0) ctx.logger.info({ deleted }, "inbox events pruned");
    } catch (error) {
      ctx.logger.error({ err: error }, "inbox event pruning failed");
    }
  };
  const timer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
  timer.unref();

  return () => clearInterval(timer);
}
