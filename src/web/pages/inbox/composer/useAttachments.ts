import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { UploadResult } from "../../../../common/api";
import { toApiError } from "../../../api/ApiError";
import { inboxApi } from "../../../api/smsInbox";
import { randomKey } from "./draftKey";

/** Twilio's limit on media files in one message (`MediaUrl`, up to ten). */
export const MAX_ATTACHMENTS = 10;

export interface Attachment {
  /** Local id, stable while the file uploads. */
  id: string;
  name: string;
  contentType: string;
  /** Object URL of the file for an image thumbnail, else null. */
  previewUrl: string | null;
  /** The server's upload result, or null while the file uploads. */
  upload: UploadResult | null;
}

const previewTypes = new Set(["image/jpeg", "image/png", "image/gif"]);

function toAttachment(file: File): Attachment {
  return {
    id: randomKey(),
    name: file.name,
    contentType: file.type,
    previewUrl: previewTypes.has(file.type) ? URL.createObjectURL(file) : null,
    upload: null,
  };
}

function tooManyMessage(skipped: number): string {
  const files = skipped === 1 ? "1 file was" : `${skipped} files were`;

  return `A text can carry at most ${MAX_ATTACHMENTS} attachments, so ${files} not added.`;
}

function revokePreview(attachment: Attachment): void {
  if (attachment.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
}

/**
 * Tracks the files attached to a draft. Each file uploads as soon as it is
 * added. A failed upload is dropped, and its error is kept for the
 * composer to show.
 */
export function useAttachments() {
  const [items, setItems] = useState<Attachment[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const current = useRef<Attachment[]>([]);

  useEffect(() => {
    current.current = items;
  }, [items]);
  useEffect(() => () => current.current.forEach(revokePreview), []);

  const update = useCallback((id: string, upload: UploadResult | null) => {
    setItems((list) => {
      const item = list.find((attachment) => attachment.id === id);
      if (upload || !item) {
        return list.map((attachment) =>
          attachment.id === id ? { ...attachment, upload } : attachment,
        );
      }

      revokePreview(item);
      return list.filter((attachment) => attachment.id !== id);
    });
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_ATTACHMENTS - current.current.length);
      const added = files
        .slice(0, room)
        .map((file) => ({ file, attachment: toAttachment(file) }));
      const skipped = files.length - added.length;
      setErrors(skipped > 0 ? [tooManyMessage(skipped)] : []);
      current.current = [
        ...current.current,
        ...added.map((entry) => entry.attachment),
      ];
      setItems(current.current);

      for (const { file, attachment } of added) {
        inboxApi.upload(file).then(
          (upload) => update(attachment.id, upload),
          (error: unknown) => {
            const removed = !current.current.some(
              (item) => item.id === attachment.id,
            );
            update(attachment.id, null);
            if (removed) return;

            const message = toApiError(error).message;
            setErrors((list) => [...list, `${file.name}: ${message}`]);
          },
        );
      }
    },
    [update],
  );

  const remove = useCallback((id: string) => {
    setItems((list) => {
      list.filter((item) => item.id === id).forEach(revokePreview);

      return list.filter((item) => item.id !== id);
    });
  }, []);

  const clear = useCallback(() => {
    current.current.forEach(revokePreview);
    current.current = [];
    setItems([]);
    setErrors([]);
  }, []);

  const mediaIds = useMemo(
    () => items.flatMap((item) => (item.upload ? [item.upload.uploadId] : [])),
    [items],
  );

  return {
    items,
    errors,
    uploading: items.some((item) => item.upload === null),
    full: items.length >= MAX_ATTACHMENTS,
    mediaIds,
    add,
    remove,
    clear,
    dismissErrors: useCallback(() => setErrors([]), []),
  };
}
