import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { SMS_INBOX_API_PREFIX } from "../plugin-keys.js";
import { registerAttachmentRoutes } from "./attachment-routes.js";
import { registerPublicMediaRoutes } from "./public-media-routes.js";
import { registerUploadRoutes } from "./upload-routes.js";

/**
 * Mounts the attachment routes: staff views and uploads under the inbox API
 * prefix, and the public URL that Twilio fetches uploads from. Uploads get
 * their own scope because they replace the body parsers.
 */
export async function registerMediaRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  await app.register(
    async (scope) => {
      registerAttachmentRoutes(scope, ctx);
      await scope.register(async (uploads) => {
        await registerUploadRoutes(uploads, ctx);
      });
    },
    { prefix: SMS_INBOX_API_PREFIX },
  );
  registerPublicMediaRoutes(app, ctx);
}
