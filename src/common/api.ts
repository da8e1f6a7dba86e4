/**
 * The JSON API between the web app and the server. Every response body is
 * one of these shapes; errors are always `ApiErrorBody` with a 4xx/5xx status.
 * State-changing requests (POST, PUT, PATCH, DELETE) from a signed-in staff
 * member carry the session's CSRF token in the `X-CSRF-Token` header.
 *
 * Routes (all JSON unless noted):
 *
 *   Host
 *   GET    /api/setup/status                 -> SetupStatus
 *   POST   /api/setup                        SetupRequest -> Me (signs in)
 *   POST   /api/auth/login                   LoginRequest -> Me (sets cookie)
 *   POST   /api/auth/logout                  -> 204
 *   GET    /api/auth/me                      -> Me
 *   GET    /api/company                      -> Company
 *   PUT    /api/company                      CompanyUpdate -> Company
 *   GET    /api/company/twilio               -> TwilioConnection
 *   PUT    /api/company/twilio               TwilioConnectionUpdate -> TwilioConnection
 *   POST   /api/company/twilio/test          -> TwilioConnectionTest
 *   GET    /api/locations                    -> { locations: Location[] }
 *   GET    /api/customers                    -> { customers: Customer[] }
 *   GET    /api/plugins                      -> { plugins: PluginListing[] }
 *   POST   /api/plugins/:pluginId/install    -> PluginListing
 *   DELETE /api/plugins/:pluginId            -> 204 (uninstall)
 *   PUT    /api/plugins/:pluginId/locations  PluginLocationsUpdate -> PluginListing
 *
 *   SMS Inbox plugin (prefix /api/plugins/sms-chat)
 *   GET    /setup                            -> InboxSetup
 *   GET    /available-numbers                -> AvailableNumbers
 *   POST   /numbers                          AddInboxNumberRequest -> InboxNumber
 *   DELETE /numbers/:numberId                -> 204
 *   GET    /inbox                            -> InboxInfo
 *   GET    /conversations?cursor=            -> ConversationPage
 *   POST   /conversations                    NewConversationRequest -> SendResult
 *   GET    /conversations/:id                -> Conversation
 *   GET    /conversations/:id/messages?before= -> MessagePage
 *   POST   /conversations/:id/messages       ReplyRequest -> SendResult
 *   POST   /conversations/:id/read           -> 204
 *
 *   Twilio webhook (form-encoded, signed): POST /v1/plugins/sms-chat/webhook[/:token]
 */

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

// Host

export interface SetupStatus {
  /** True until the first company and its owner exist. */
  needsSetup: boolean;
}

export interface SetupRequest {
  companyName: string;
  /** ISO 3166-1 alpha-2, such as "US". */
  country: string;
  ownerName: string;
  ownerEmail: string;
  /** At least 10 characters. */
  password: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface Me {
  staff: { id: string; name: string; email: string };
  company: { id: string; name: string };
  role: { id: string; name: string };
  permissions: string[];
  locations: Location[];
  csrfToken: string;
}

export interface Company {
  id: string;
  name: string;
  country: string;
}

export interface CompanyUpdate {
  name?: string;
  country?: string;
}

export interface TwilioConnection {
  connected: boolean;
  accountSid: string | null;
  /** Masked, e.g. "••••••••••••••••••••••••••••3f9a"; never the token. */
  authTokenMasked: string | null;
  defaultNumber: string | null;
  updatedAt: string | null;
}

export interface TwilioConnectionUpdate {
  accountSid: string;
  /** Omit to keep the stored token. */
  authToken?: string;
  defaultNumber: string;
}

export interface TwilioConnectionTest {
  ok: boolean;
  /** Account friendly name on success. */
  accountName?: string;
  /** What failed and what to do, on failure. */
  message?: string;
  twilioCode?: number | null;
}

export interface Location {
  id: string;
  name: string;
}

export interface Customer {
  id: string;
  name: string;
  phone: string;
  phoneE164: string | null;
}

export interface PluginListing {
  id: string;
  name: string;
  description: string;
  installed: boolean;
  /** Location ids where the plugin is enabled. */
  enabledLocationIds: string[];
  setupPath: string;
  permissions: { key: string; label: string; description: string }[];
}

export interface PluginLocationsUpdate {
  locationIds: string[];
}

// SMS Inbox

export interface InboxNumber {
  /** "default" for the company's connected number. */
  id: string;
  phoneNumber: string;
  isDefault: boolean;
}

export interface InboxSetup {
  webhookUrl: string;
  /** The token-less URL that older setups use. */
  legacyWebhookUrl: string;
  twilioConnected: boolean;
  numbers: InboxNumber[];
  enabledLocationIds: string[];
}

export interface AvailableNumbers {
  /** False when Twilio's list could not be loaded; type the number instead. */
  ok: boolean;
  numbers: { sid: string; phoneNumber: string; friendlyName: string }[];
  message?: string;
}

export interface AddInboxNumberRequest {
  phoneNumber: string;
}

export interface InboxInfo {
  canSend: boolean;
  numbers: InboxNumber[];
  totalUnread: number;
}

export interface ConversationSummary {
  id: string;
  customerNumber: string;
  /** The matching customer's name, or null when the number is not on file. */
  customerName: string | null;
  inboxNumber: string;
  lastMessageAt: string;
  lastMessagePreview: string;
  unreadCount: number;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export type Conversation = ConversationSummary;

export type MessageDirection = "inbound" | "outbound";

export interface Message {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  sentBy: { id: string; name: string } | null;
  media: { url: string; contentType: string }[];
  createdAt: string;
}

export interface MessagePage {
  /** Oldest first. */
  messages: Message[];
  /** Pass as `before` to load older messages; null when there are none. */
  nextBefore: string | null;
}

export interface ReplyRequest {
  body: string;
}

export interface NewConversationRequest {
  /** Customer number in any common format; normalised with the company country. */
  to: string;
  /** Required when the company has more than one number. */
  from?: string;
  body: string;
}

export interface SendResult {
  conversation: ConversationSummary;
  message: Message;
}
