import type {
  AddInboxNumberRequest,
  AvailableNumbers,
  Conversation,
  ConversationPage,
  InboxInfo,
  InboxNumber,
  InboxSetup,
  Message,
  MessagePage,
  NewConversationRequest,
  RemoveInboxNumberRequest,
  RemoveInboxNumberResult,
  RenameInboxNumberRequest,
  ReplyRequest,
  SendResult,
  UploadResult,
} from "../../common/api";
import { query, request, requestFile } from "./client";

/** Plugin id of the SMS Inbox, as used in API paths and the catalogue. */
export const SMS_INBOX_PLUGIN_ID = "sms-chat";

const base = `/api/plugins/${SMS_INBOX_PLUGIN_ID}`;
const conversationPath = (id: string) =>
  `${base}/conversations/${encodeURIComponent(id)}`;

/**
 * Headers of a send request. The server creates one message per key, so a
 * repeated request with the same key returns the first message instead.
 */
const idempotent = (idempotencyKey: string) => ({
  headers: { "Idempotency-Key": idempotencyKey },
});

export const smsSetupApi = {
  get: () => request<InboxSetup>("GET", `${base}/setup`),
  availableNumbers: () =>
    request<AvailableNumbers>("GET", `${base}/available-numbers`),
  addNumber: (body: AddInboxNumberRequest) =>
    request<InboxNumber>("POST", `${base}/numbers`, body),
  renameNumber: (numberId: string, body: RenameInboxNumberRequest) =>
    request<InboxNumber>(
      "PATCH",
      `${base}/numbers/${encodeURIComponent(numberId)}`,
      body,
    ),
  removeNumber: (numberId: string, body: RemoveInboxNumberRequest = {}) =>
    request<RemoveInboxNumberResult>(
      "DELETE",
      `${base}/numbers/${encodeURIComponent(numberId)}`,
      body,
    ),
};

export const inboxApi = {
  info: () => request<InboxInfo>("GET", `${base}/inbox`),
  conversations: (cursor?: string | null) =>
    request<ConversationPage>(
      "GET",
      `${base}/conversations${query({ cursor })}`,
    ),
  startConversation: (body: NewConversationRequest, idempotencyKey: string) =>
    request<SendResult>(
      "POST",
      `${base}/conversations`,
      body,
      idempotent(idempotencyKey),
    ),
  conversation: (id: string) =>
    request<Conversation>("GET", conversationPath(id)),
  messages: (id: string, before?: string | null) =>
    request<MessagePage>(
      "GET",
      `${conversationPath(id)}/messages${query({ before })}`,
    ),
  reply: (id: string, body: ReplyRequest, idempotencyKey: string) =>
    request<SendResult>(
      "POST",
      `${conversationPath(id)}/messages`,
      body,
      idempotent(idempotencyKey),
    ),
  retryMessage: (messageId: string) =>
    request<Message>(
      "POST",
      `${base}/messages/${encodeURIComponent(messageId)}/retry`,
    ),
  markRead: (id: string) =>
    request<void>("POST", `${conversationPath(id)}/read`),
  /** Uploads a file to attach; its id goes in the send's `mediaIds`. */
  upload: (file: File) =>
    requestFile<UploadResult>(
      "POST",
      `${base}/uploads${query({ filename: file.name })}`,
      file,
      // Browsers leave `type` empty for extensions they don't know; the
      // server then rejects the file with the list of supported types.
      file.type || "application/octet-stream",
    ),
};
