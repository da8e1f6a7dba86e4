import type { Db } from "../../../db/database.js";
import type { KeysetPosition } from "../../../http/keyset-cursor.js";

export interface MessageRow {
  id: string;
  conversation_id: string;
  direction: "inbound" | "outbound";
  from_number: string;
  to_number: string;
  body: string;
  status: string;
  error_code: number | null;
  error_message: string | null;
  created_at: string;
  sent_by_id: string | null;
  sent_by_name: string | null;
  /** The outbox's failed attempts while it still retries the message. */
  retry_attempts: number | null;
  retry_at: string | null;
  retry_error: string | null;
}

export interface MediaRow {
  message_id: string;
  position: number;
  url: string;
  content_type: string;
}

function selectMessages(db: Db, companyId: string) {
  return db
    .selectFrom("messages as m")
    .leftJoin("staff as s", "s.id", "m.sent_by_staff_id")
    .leftJoin("outbox_jobs as j", (join) =>
      join.onRef("j.message_id", "=", "m.id").on("j.state", "=", "pending"),
    )
    .select([
      "m.id",
      "m.conversation_id",
      "m.direction",
      "m.from_number",
      "m.to_number",
      "m.body",
      "m.status",
      "m.error_code",
      "m.error_message",
      "m.created_at",
      "s.id as sent_by_id",
      "s.name as sent_by_name",
      "j.attempts as retry_attempts",
      "j.next_attempt_at as retry_at",
      "j.last_error as retry_error",
    ])
    .where("m.company_id", "=", companyId);
}

/** Lists a conversation's messages newest first, older than `before`. */
export async function listMessagesNewestFirst(
  db: Db,
  options: {
    companyId: string;
    conversationId: string;
    before: KeysetPosition | null;
    limit: number;
  },
): Promise<MessageRow[]> {
  const { before } = options;
  let query = selectMessages(db, options.companyId)
    .where("m.conversation_id", "=", options.conversationId)
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(options.limit);
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("m.created_at", "<", before.at),
        eb.and([
          eb("m.created_at", "=", before.at),
          eb("m.id", "<", before.id),
        ]),
      ]),
    );
  }

  return query.execute();
}

export async function findMessage(
  db: Db,
  companyId: string,
  messageId: string,
): Promise<MessageRow | undefined> {
  return selectMessages(db, companyId)
    .where("m.id", "=", messageId)
    .executeTakeFirst();
}

/** Lists the attachments of several messages in one query, in order. */
export async function listMedia(
  db: Db,
  messageIds: readonly string[],
): Promise<MediaRow[]> {
  if (messageIds.length === 0) return [];

  return db
    .selectFrom("message_media")
    .select(["message_id", "position", "url", "content_type"])
    .where("message_id", "in", [...messageIds])
    .orderBy("message_id")
    .orderBy("position")
    .execute();
}
