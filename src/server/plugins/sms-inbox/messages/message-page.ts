import type { Db } from "../../../db/database.js";
import {
  cutKeysetPage,
  type KeysetPosition,
} from "../../../http/keyset-cursor.js";
import {
  listMedia,
  listMessagesNewestFirst,
  type MediaRow,
  type MessageRow,
} from "./message-queries.js";

export const MESSAGE_PAGE_SIZE = 50;

export interface MessagePageRows {
  /** Oldest first. */
  rows: MessageRow[];
  media: MediaRow[];
  /** Cursor of the oldest row when older messages remain, else null. */
  nextBefore: string | null;
}

/** Loads the latest page of a thread, or the page older than `before`. */
export async function loadMessagePage(
  db: Db,
  options: {
    companyId: string;
    conversationId: string;
    before: KeysetPosition | null;
  },
): Promise<MessagePageRows> {
  // One extra row shows whether older messages remain.
  const newestFirst = await listMessagesNewestFirst(db, {
    ...options,
    limit: MESSAGE_PAGE_SIZE + 1,
  });
  const page = cutKeysetPage(newestFirst, MESSAGE_PAGE_SIZE, (row) => ({
    at: row.created_at,
    id: row.id,
  }));
  const rows = page.rows.reverse();
  const media = await listMedia(
    db,
    rows.map((row) => row.id),
  );

  return { rows, media, nextBefore: page.nextCursor };
}
