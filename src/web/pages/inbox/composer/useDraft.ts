import { useCallback, useMemo, useState } from "react";
import { DraftKey } from "./draftKey";
import { measureText } from "./segments";
import { useAttachments } from "./useAttachments";

/** The part of a send request that the composer fills in. */
export interface DraftContent {
  body: string;
  mediaIds?: string[];
}

/**
 * Tracks one message being written: its text, attachments, counts and the
 * Idempotency-Key that every attempt to send it carries.
 */
export function useDraft() {
  const [body, setBody] = useState("");
  const attachments = useAttachments();
  const [draftKey] = useState(() => new DraftKey());
  const stats = useMemo(() => measureText(body), [body]);
  const { mediaIds, uploading, clear } = attachments;

  const hasContent = stats.characters > 0 || mediaIds.length > 0;
  const ready = hasContent && !stats.overLimit && !uploading;

  const content = useCallback(
    (): DraftContent => (mediaIds.length > 0 ? { body, mediaIds } : { body }),
    [body, mediaIds],
  );

  /** Returns the key for `request`, a new one when the request changed. */
  const keyFor = useCallback(
    (request: unknown) => draftKey.keyFor(request),
    [draftKey],
  );

  /** Starts a new message after this one was sent. */
  const reset = useCallback(() => {
    setBody("");
    clear();
    draftKey.reset();
  }, [clear, draftKey]);

  return { body, setBody, stats, attachments, ready, content, keyFor, reset };
}

export type Draft = ReturnType<typeof useDraft>;
