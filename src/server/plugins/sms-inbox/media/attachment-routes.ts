import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { findAttachment, openAttachment } from "./attachment-source.js";
import { sendMediaFile } from "./media-reply.js";
import { findUpload, openUpload } from "./upload-store.js";

const AttachmentParamsSchema = z.object({
  messageId: z.string().min(1).max(64),
  position: z.coerce.number().int().min(0).max(99),
});

const UploadParamsSchema = z.object({ uploadId: z.string().min(1).max(64) });

/**
 * Mounts the staff-facing attachment routes. Both need view access to the
 * inbox, and another company's ids are not found.
 */
export function registerAttachmentRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/media/:messageId/:position", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const { messageId, position } = parseInput(
      AttachmentParamsSchema,
      request.params,
    );
    const attachment = await findAttachment(
      ctx.db,
      auth.companyId,
      messageId,
      position,
    );
    if (!attachment) throw errors.notFound("The attachment");

    const file = await openAttachment(ctx, auth.companyId, attachment);

    return sendMediaFile(reply, file);
  });

  app.get("/uploads/:uploadId", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const { uploadId } = parseInput(UploadParamsSchema, request.params);
    const upload = await findUpload(ctx.db, auth.companyId, uploadId);
    const body = upload && (await openUpload(ctx.config.dataDir, upload));
    if (!upload || !body) throw errors.notFound("The upload");

    return sendMediaFile(reply, {
      body,
      size: upload.size,
      contentType: upload.content_type,
      filename: upload.filename,
    });
  });
}
