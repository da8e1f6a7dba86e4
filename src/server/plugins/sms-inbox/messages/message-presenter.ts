import type {
  Message,
  MessagePage,
  SendResult,
} from "../../../../common/api.js";
import { presentConversationSummary } from "../conversations/conversation-presenter.js";
import { isViewableType, normalizeContentType } from "../media/media-types.js";
import { mediaProxyUrl } from "../media/media-urls.js";
import { isRetryableFailure } from "../outbox/retry-policy.js";
import type { MediaRow, MessageRow } from "./message-queries.js";
import type { SendResultRows } from "./send-result.js";

export function presentMessage(row: MessageRow, media: MediaRow[]): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    from: row.from_number,
    to: row.to_number,
    body: row.body,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    retryable: isRetryableFailure(row),
    retrying:
      row.retry_error !== null &&
      row.retry_attempts !== null &&
      row.retry_at !== null
        ? {
            attempts: row.retry_attempts,
            lastError: row.retry_error,
            nextAttemptAt: row.retry_at,
          }
        : null,
    sentBy:
      row.sent_by_id === null
        ? null
        : { id: row.sent_by_id, name: row.sent_by_name ?? "" },
    media: media
      .filter((item) => item.message_id === row.id)
      // Twilio's media URLs need the account's credentials, so staff load
      // attachments through the server.
      .map((item) => ({
        url: mediaProxyUrl(item.message_id, item.position),
        contentType: item.content_type,
        viewable: isViewableType(normalizeContentType(item.content_type)),
      })),
    createdAt: row.created_at,
  };
}

/** Presents messages oldest first, as the thread shows them. */
export function presentMessagePage(
  rowsOldestFirst: MessageRow[],
  media: MediaRow[],
  nextBefore: string | null,
): MessagePage {
  return {
    messages: rowsOldestFirst.map((row) => presentMessage(row, media)),
    nextBefore,
  };
}

export function presentSendResult(rows: SendResultRows): SendResult {
  return {
    conversation: presentConversationSummary(rows.conversation),
    message: presentMessage(rows.message, rows.media),
  };
}
