import type { UploadResult } from "../../../../common/api.js";
import { uploadPreviewUrl } from "./media-urls.js";
import type { UploadRow } from "./upload-store.js";

export function presentUpload(upload: UploadRow): UploadResult {
  return {
    uploadId: upload.id,
    url: uploadPreviewUrl(upload.id),
    contentType: upload.content_type,
    size: upload.size,
  };
}
