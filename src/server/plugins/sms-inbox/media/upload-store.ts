import { randomBytes } from "node:crypto";
import { mkdir, open, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { newId } from "../../../db/ids.js";
import type { MediaUploadsTable } from "../../../db/schema.js";

export type UploadRow = MediaUploadsTable;

export interface NewUpload {
  companyId: string;
  staffId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * Writes an upload's bytes to DATA_DIR/uploads/<id> and records it. The
 * public token is 32 random bytes, so Twilio's URL cannot be guessed.
 */
export async function saveUpload(
  ctx: Pick<AppContext, "config" | "db">,
  upload: NewUpload,
): Promise<UploadRow> {
  const createdAt = new Date();
  const row: UploadRow = {
    id: newId(),
    company_id: upload.companyId,
    uploaded_by_staff_id: upload.staffId,
    public_token: randomBytes(32).toString("base64url"),
    filename: upload.filename,
    content_type: upload.contentType,
    size: upload.bytes.length,
    created_at: createdAt.toISOString(),
    expires_at: new Date(
      createdAt.getTime() + ctx.config.mediaUrlTtlMs,
    ).toISOString(),
  };
  const path = uploadPath(ctx.config.dataDir, row.id);
  await mkdir(join(ctx.config.dataDir, "uploads"), {
    recursive: true,
    mode: 0o700,
  });
  await writeFile(path, upload.bytes, { flag: "wx", mode: 0o600 });
  try {
    await ctx.db.insertInto("media_uploads").values(row).execute();
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }

  return row;
}

export function findUpload(
  db: Db,
  companyId: string,
  uploadId: string,
): Promise<UploadRow | undefined> {
  return db
    .selectFrom("media_uploads")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("id", "=", uploadId)
    .executeTakeFirst();
}

export function findUploadByToken(
  db: Db,
  token: string,
): Promise<UploadRow | undefined> {
  return db
    .selectFrom("media_uploads")
    .selectAll()
    .where("public_token", "=", token)
    .executeTakeFirst();
}

export function listUploads(
  db: Db,
  companyId: string,
  uploadIds: readonly string[],
): Promise<UploadRow[]> {
  if (uploadIds.length === 0) return Promise.resolve([]);

  return db
    .selectFrom("media_uploads")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("id", "in", [...uploadIds])
    .execute();
}

/** Opens an upload's file, or returns null when the file is missing. */
export async function openUpload(
  dataDir: string,
  upload: UploadRow,
): Promise<Readable | null> {
  try {
    const file = await open(uploadPath(dataDir, upload.id), "r");

    return file.createReadStream();
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return null;

    throw error;
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

function uploadPath(dataDir: string, uploadId: string): string {
  return join(dataDir, "uploads", uploadId);
}
