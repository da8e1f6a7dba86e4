import type {
  AddInboxNumberRequest,
  AvailableNumbers,
  Conversation,
  ConversationPage,
  InboxInfo,
  InboxNumber,
  InboxSetup,
  MessagePage,
  NewConversationRequest,
  ReplyRequest,
  SendResult,
} from "../../common/api";
import { query, request } from "./client";

/** Plugin id of the SMS Inbox, as used in API paths and the catalogue. */
export const SMS_INBOX_PLUGIN_ID = "sms-chat";

const base = `/api/plugins/${SMS_INBOX_PLUGIN_ID}`;
const conversationPath = (id: string) =>
  `${base}/conversations/${encodeURIComponent(id)}`;

export const smsSetupApi = {
  get: () => request<InboxSetup>("GET", `${base}/setup`),
  availableNumbers: () =>
    request<AvailableNumbers>("GET", `${base}/available-numbers`),
  addNumber: (body: AddInboxNumberRequest) =>
    request<InboxNumber>("POST", `${base}/numbers`, body),
  removeNumber: (numberId: string) =>
    request<void>("DELETE", `${base}/numbers/${encodeURIComponent(numberId)}`),
};

export const inboxApi = {
  info: () => request<InboxInfo>("GET", `${base}/inbox`),
  conversations: (cursor?: string | null) =>
    request<ConversationPage>(
      "GET",
      `${base}/conversations${query({ cursor })}`,
    ),
  startConversation: (body: NewConversationRequest) =>
    request<SendResult>("POST", `${base}/conversations`, body),
  conversation: (id: string) =>
    request<Conversation>("GET", conversationPath(id)),
  messages: (id: string, before?: string | null) =>
    request<MessagePage>(
      "GET",
      `${conversationPath(id)}/messages${query({ before })}`,
    ),
  reply: (id: string, body: ReplyRequest) =>
    request<SendResult>("POST", `${conversationPath(id)}/messages`, body),
  markRead: (id: string) =>
    request<void>("POST", `${conversationPath(id)}/read`),
};
