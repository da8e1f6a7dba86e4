import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { sendMediaFile } from "./media-reply.js";
import { PUBLIC_MEDIA_PATH } from "./media-urls.js";
import { findUploadByToken, openUpload } from "./upload-store.js";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface PublicMediaRoute {
  Params: { token: string };
}

/**
 * Mounts the unauthenticated URL that Twilio fetches an outgoing
 * attachment from, with GET and HEAD. The token is the only secret, so the
 * URL stops working once the upload expires (410).
 */
export function registerPublicMediaRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get<PublicMediaRoute>(
    `${PUBLIC_MEDIA_PATH}/:token`,
    async (request, reply) => {
      const { token } = request.params;
      const upload = TOKEN_PATTERN.test(token)
        ? await findUploadByToken(ctx.db, token)
        : undefined;
      if (!upload) throw errors.notFound("The attachment");

      if (upload.expires_at <= new Date().toISOString()) {
        throw errors.mediaExpired();
      }

      const body = await openUpload(ctx.config.dataDir, upload);
      if (!body) throw errors.notFound("The attachment");

      request.log.info({ uploadId: upload.id }, "public attachment served");

      return sendMediaFile(
        reply,
        {
          body,
          size: upload.size,
          contentType: upload.content_type,
          filename: upload.filename,
        },
        { inline: true, cacheControl: "private, no-store" },
      );
    },
  );
}
