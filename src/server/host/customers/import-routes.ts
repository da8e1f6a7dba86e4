import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import type {
  CustomerImportPreview,
  CustomerImportResult,
} from "../../../common/customer-api.js";
import { hostPermissions } from "../../auth/permissions.js";
import { requirePermission } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import { importCustomers } from "./customer-admin.js";
import { previewCustomerImport } from "./customer-import.js";

/** Largest CSV file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Content types browsers and tools send for a CSV or tab-separated file. */
const CSV_TYPES = [
  "text/csv",
  "application/csv",
  "text/plain",
  "text/tab-separated-values",
  "application/vnd.ms-excel",
];

/**
 * Mounts the CSV import. Both routes take the file as the raw request body
 * and need "Manage company". The preview writes nothing, and the commit
 * checks every row again before it writes.
 */
export async function registerCustomerImportRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    CSV_TYPES,
    { parseAs: "buffer", bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Errors thrown here go on to the app's error handler.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      throw errors.csvTooLarge(MAX_IMPORT_BYTES);
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      throw errors.csvContentType();
    }

    throw error;
  });

  const checkAccess = async (request: FastifyRequest) => {
    requirePermission(request, hostPermissions.manageCompany);
  };

  app.post(
    "/api/customers/import/preview",
    { onRequest: checkAccess, config: { rawBody: true } },
    async (request): Promise<CustomerImportPreview> => {
      const auth = requirePermission(request, hostPermissions.manageCompany);

      return previewCustomerImport(
        ctx.db,
        auth.companyId,
        readCsvText(request),
      );
    },
  );

  app.post(
    "/api/customers/import",
    { onRequest: checkAccess, config: { rawBody: true } },
    async (request): Promise<CustomerImportResult> => {
      const actor = requireAdminActor(request);
      const imported = await importCustomers(ctx, actor, readCsvText(request));
      request.log.info(
        { companyId: actor.companyId, ...imported.counts },
        "customers imported",
      );

      return {
        columns: imported.columns,
        counts: imported.counts,
        created: imported.counts.valid,
        rejected: imported.rows.filter((row) => row.rejection !== null),
        noted: imported.rows.filter((row) => row.note !== null),
      };
    },
  );
}

function readCsvText(request: FastifyRequest): string {
  const bytes = Buffer.isBuffer(request.body) ? request.body : null;
  if (!bytes || bytes.length === 0) {
    throw errors.csvInvalid(
      "The CSV file is empty. Its first row must name the columns, such as: name,phone",
    );
  }

  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw errors.csvInvalid(
      'The file is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and try again.',
    );
  }
}
