import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { twilioErrors } from "./errors.js";
import { requestPath, stringParam } from "./twilio-params.js";

export const MEDIA_STORAGE_PATH = "/sandbox/media-store";

/**
 * Registers the Media resource of a message under /2010-04-01. Like Twilio
 * with HTTP authentication for media on, it needs the account's Basic
 * credentials (checked by the API's hook) and redirects to a storage URL.
 */
export function registerTwilioMediaRoutes(
  api: FastifyInstance,
  ctx: SandboxContext,
) {
  api.get(
    "/Accounts/:AccountSid/Messages/:MessageSid/Media/:Sid",
    async (request, reply) => {
      const media = ctx.state.media.find(
        stringParam(request.params, "AccountSid"),
        stringParam(request.params, "MessageSid"),
        stringParam(request.params, "Sid"),
      );
      if (!media) throw twilioErrors.notFound(requestPath(request.url));

      return reply.redirect(`${MEDIA_STORAGE_PATH}/${media.storageKey}`, 307);
    },
  );
}

/** Registers the storage URL, which needs no credentials, as on Twilio. */
export function registerMediaStorage(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  app.get(`${MEDIA_STORAGE_PATH}/:key`, async (request, reply) => {
    const media = ctx.state.media.findByStorageKey(
      stringParam(request.params, "key"),
    );
    if (!media) {
      return reply.code(404).send({ error: "No such media file." });
    }

    return reply.type(media.contentType).send(media.bytes);
  });
}
