import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { listenForNotifications } from "../../../db/notifications.js";
import { INBOX_EVENTS_CHANNEL } from "./event-log.js";
import { startEventPruner } from "./event-pruner.js";
import { resolveStartCursor } from "./event-queries.js";
import { notifyInboxEvents } from "./event-signal.js";
import { InboxEventStream } from "./event-stream.js";
import { readLastEventId } from "./last-event-id.js";
import { keepsViewAccess } from "./stream-access.js";
import { MAX_STREAMS_PER_STAFF, streamHubOf } from "./stream-hub.js";

/**
 * Mounts GET /events, the live-update stream (text/event-stream) of the
 * signed-in staff member's inbox. Access is checked as for reading the
 * inbox, and a refusal is the usual JSON error, sent before the stream
 * starts.
 */
export function registerEventRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  const hub = streamHubOf(ctx);
  let stopPruner: (() => void) | null = null;
  let stopListening: (() => Promise<void>) | null = null;
  app.addHook("onReady", async () => {
    stopPruner = startEventPruner(ctx);
    stopListening = await listenForNotifications(
      ctx.config.databaseUrl,
      INBOX_EVENTS_CHANNEL,
      notifyInboxEvents,
      (error) => {
        ctx.logger.error(
          { err: error },
          "inbox event notifications failed, so streams only poll the log",
        );
      },
    );
  });
  // Open streams would keep server.close() waiting, so they end first.
  app.addHook("preClose", async () => {
    stopPruner?.();
    hub.closeAll();
    await stopListening?.();
  });

  // A HEAD request would hold a stream open that can never send anything.
  app.get("/events", { exposeHeadRoute: false }, async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const viewer = { companyId: auth.companyId, staffId: auth.staffId };
    const cursor = await resolveStartCursor(
      ctx.db,
      auth.companyId,
      readLastEventId(request),
    );
    if (!hub.hasRoomFor(auth.staffId)) {
      throw errors.tooManyEventStreams(MAX_STREAMS_PER_STAFF);
    }

    // Fastify's hooks and serializers no longer run on this response.
    reply.hijack();
    const stream = new InboxEventStream(ctx, reply.raw, {
      viewer,
      cursor,
      hasViewAccess: () => keepsViewAccess(ctx, request, viewer),
      onClose: () => {
        hub.remove(stream);
        request.log.debug({ ...viewer }, "inbox event stream closed");
      },
    });
    hub.add(stream);
    stream.start();
    request.log.debug({ ...viewer, cursor }, "inbox event stream opened");
  });
}
