import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireAuth } from "../../../auth/guard.js";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import {
  isSendableType,
  listTypes,
  normalizeContentType,
  safeFilename,
} from "./media-types.js";
import { presentUpload } from "./upload-presenter.js";
import { saveUpload } from "./upload-store.js";

const UploadQuerySchema = z.object({
  filename: z.string().max(255).optional(),
});

/**
 * Mounts POST /uploads, which takes a file as the raw request body with
 * its Content-Type. Every body in this scope is read as bytes, up to
 * MEDIA_MAX_BYTES.
 */
export async function registerUploadRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  const maxBytes = ctx.config.mediaMaxBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );
  // Errors thrown here go on to the app's error handler.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      throw errors.mediaTooLarge(maxBytes);
    }

    throw error;
  });

  app.post(
    "/uploads",
    { onRequest: checkUpload(ctx), config: { rawBody: true } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const query = parseInput(UploadQuerySchema, request.query);
      const bytes = Buffer.isBuffer(request.body) ? request.body : null;
      if (!bytes || bytes.length === 0) {
        throw errors.validation("The file is empty. Choose a file to attach.");
      }

      const contentType = normalizeContentType(request.headers["content-type"]);
      const upload = await saveUpload(ctx, {
        companyId: auth.companyId,
        staffId: auth.staffId,
        filename: safeFilename(query.filename, contentType),
        contentType,
        bytes,
      });
      request.log.info(
        { uploadId: upload.id, contentType, size: upload.size },
        "attachment uploaded",
      );

      return reply.code(201).send(presentUpload(upload));
    },
  );
}

/**
 * Checks access, type and declared size before the body is read, so a
 * rejected upload is not buffered.
 */
function checkUpload(ctx: AppContext) {
  return async (request: FastifyRequest) => {
    await requireInboxAccess(ctx, request, "send");
    const contentType = request.headers["content-type"];
    if (!isSendableType(contentType ?? "")) {
      throw errors.mediaTypeNotAllowed(
        normalizeContentType(contentType),
        listTypes("send"),
      );
    }

    const length = Number(request.headers["content-length"] ?? 0);
    if (length > ctx.config.mediaMaxBytes) {
      throw errors.mediaTooLarge(ctx.config.mediaMaxBytes);
    }
  };
}
