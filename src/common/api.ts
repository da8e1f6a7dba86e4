/**
 * The JSON API between the web app and the server. Every response body is
 * one of these shapes; errors are always `ApiErrorBody` with a 4xx/5xx status.
 * State-changing requests (POST, PUT, PATCH, DELETE) from a signed-in staff
 * member carry the session's CSRF token in the `X-CSRF-Token` header.
 *
 * The two routes that send a text (POST /conversations and POST
 * /conversations/:id/messages) also require an `Idempotency-Key` header of
 * 8 to 200 visible ASCII characters, such as a UUID. The client generates
 * it once per message and sends it again unchanged when it repeats the
 * request after a double click, a timeout or a reconnect. A repeated key
 * returns the message that the first request created, with status 200 and
 * `Idempotent-Replayed: true`, and sends nothing. A key reused with a
 * different body is rejected with 409. The send responds 201 as soon as the
 * message is queued. Delivery to Twilio follows in the background, and the
 * message's `status` shows it.
 *
 * Routes (all JSON unless noted):
 *
 *   Host
 *   GET    /api/setup/status                 -> SetupStatus
 *   POST   /api/setup                        SetupRequest -> Me (signs in)
 *   POST   /api/auth/login                   LoginRequest -> Me (sets cookie)
 *   POST   /api/auth/logout                  -> 204
 *   GET    /api/auth/me                      -> Me
 *   POST   /api/auth/password                PasswordChange -> 204 (ends other sessions)
 *   GET    /api/company                      -> Company
 *   PUT    /api/company                      CompanyUpdate -> Company
 *   GET    /api/company/twilio               -> TwilioConnection
 *   PUT    /api/company/twilio               TwilioConnectionUpdate -> TwilioConnectionSaved
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
 *   GET    /setup/webhook-health             -> WebhookHealthReport (checks Twilio)
 *   POST   /setup/numbers/:numberId/webhook  SetWebhookRequest -> NumberWebhookHealth
 *                                            (409 when the URL on Twilio changed)
 *   POST   /setup/webhooks                   SetWebhooksRequest -> SetWebhooksResult
 *   POST   /setup/messaging-services/:serviceSid/webhook
 *          SetServiceWebhookRequest -> WebhookHealthReport (409 when the
 *          service's URL on Twilio changed)
 *   POST   /setup/webhook-token/rotate       -> InboxSetup
 *   POST   /setup/webhook-token/previous/end -> InboxSetup (409 when no
 *                                            previous token is accepted)
 *   GET    /webhook-alerts                   -> WebhookAlerts (managers only)
 *   GET    /available-numbers                -> AvailableNumbers
 *   POST   /numbers                          AddInboxNumberRequest -> InboxNumber
 *   PATCH  /numbers/:numberId                RenameInboxNumberRequest ->
 *                                            InboxNumber (404 when the
 *                                            company has no such number)
 *   DELETE /numbers/:numberId                RemoveInboxNumberRequest ->
 *                                            RemoveInboxNumberResult (204
 *                                            without a body)
 *   GET    /inbox                            -> InboxInfo
 *   GET    /conversations?cursor=            -> ConversationPage
 *   POST   /conversations                    NewConversationRequest -> SendResult
 *   GET    /conversations/:id                -> Conversation
 *   GET    /conversations/:id/messages?before= -> MessagePage
 *   POST   /conversations/:id/messages       ReplyRequest -> SendResult
 *   POST   /conversations/:id/read           -> 204
 *   POST   /messages/:messageId/retry        -> Message (queued again; 409 when
 *                                            a retry cannot help)
 *   POST   /uploads?filename=                raw file body -> UploadResult
 *   GET    /uploads/:uploadId                -> the file (staff preview)
 *   GET    /media/:messageId/:position       -> a message's attachment
 *   GET    /events                           -> text/event-stream of InboxEvent
 *                                            (live updates; see InboxEvent)
 *
 *   Twilio webhook (form-encoded, signed): POST /v1/plugins/sms-chat/webhook[/:token]
 *   Twilio status callback (form-encoded, signed): POST /v1/plugins/sms-chat/status[/:token]
 *   Attachments Twilio fetches (no auth, expiring): GET /v1/plugins/sms-chat/media/:token
 */

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    /**
     * The company's customers that already have the number, with the code
     * "phone_on_file".
     */
    customers?: Customer[];
  };
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

/** Body of POST /api/auth/password, which changes the signed-in user's. */
export interface PasswordChange {
  currentPassword: string;
  /** Same rules as a new password at setup: 10 to 1000 characters. */
  newPassword: string;
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
  /**
   * When the last stored check with Twilio found the saved credentials
   * rejected (Twilio error 20003), or null when it did not or ran before they
   * were saved. A connection test that cannot reach Twilio stores no check,
   * so it leaves this value unchanged.
   */
  credentialsRejectedAt: string | null;
}

export interface TwilioConnectionUpdate {
  accountSid: string;
  /** Omit to keep the stored token. */
  authToken?: string;
  defaultNumber: string;
}

/** The response of PUT /api/company/twilio. */
export interface TwilioConnectionSaved extends TwilioConnection {
  /**
   * Sentences about what the change did to plugin data, such as a previous
   * default number kept as an extra inbox number; empty when nothing changed.
   */
  notices: string[];
}

export interface TwilioConnectionTest {
  ok: boolean;
  /** Account friendly name on success. */
  accountName?: string;
  /** Explanation of the failure and the fix, when the test failed. */
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
  /**
   * Label staff see next to the number, such as "Shop line": at first the
   * friendly name Twilio reports for it, then what a manager renamed it to.
   * Null when it has none.
   */
  name: string | null;
  isDefault: boolean;
}

export interface InboxSetup {
  webhookUrl: string;
  /** The token-less URL that older setups use. */
  legacyWebhookUrl: string;
  /**
   * Until when webhooks on the token before the last rotation are still
   * accepted; null when no previous token is accepted any more.
   */
  previousTokenValidUntil: string | null;
  /**
   * The reason Twilio cannot reach the webhook URL, such as a loopback
   * host, with what to do, or null when nothing is known to be wrong.
   */
  webhookUrlProblem: string | null;
  twilioConnected: boolean;
  numbers: InboxNumber[];
  enabledLocationIds: string[];
}

/**
 * The SMS-capable numbers on the connected Twilio account that are not in
 * the inbox yet. An empty `numbers` with `ok` true means the list loaded and
 * no number is left to add.
 */
export interface AvailableNumbers {
  /** False when Twilio's list could not be loaded; type the number instead. */
  ok: boolean;
  numbers: { sid: string; phoneNumber: string; friendlyName: string }[];
  /**
   * Count of SMS-capable numbers on the account, those in the inbox
   * included. Present when `ok` is true.
   */
  smsCapableCount?: number;
  /** The reason the list could not be loaded. Present when `ok` is false. */
  message?: string;
}

export interface AddInboxNumberRequest {
  phoneNumber: string;
}

/**
 * PATCH /numbers/:numberId, with "default" for the default number. A blank
 * or null name clears the label. Renaming changes nothing on Twilio.
 */
export interface RenameInboxNumberRequest {
  /**
   * At most 64 characters once runs of white space become one space and the
   * ends are trimmed, without control characters.
   */
  name: string | null;
}

/**
 * DELETE /numbers/:numberId. With `clearWebhook`, the number's SmsUrl on
 * Twilio is cleared first when it points at this inbox. When Twilio fails,
 * the number stays in the inbox and the error message explains why.
 */
export interface RemoveInboxNumberRequest {
  clearWebhook?: boolean;
}

/**
 * Outcome for the removed number's webhook on Twilio:
 * - cleared: its SmsUrl pointed at this inbox and is now unset.
 * - not_requested: it was left as it was, as the request asked.
 * - unset: it had no SmsUrl.
 * - points_elsewhere: its SmsUrl points at another URL, left unchanged.
 * - not_on_account: the number is not on the connected Twilio account.
 */
export type RemovedNumberWebhook =
  "cleared" | "not_requested" | "unset" | "points_elsewhere" | "not_on_account";

export interface RemoveInboxNumberResult {
  phoneNumber: string;
  webhook: RemovedNumberWebhook;
  /** Summary of the removal in a sentence or two, for the setup page. */
  message: string;
}

export interface InboxInfo {
  canSend: boolean;
  numbers: InboxNumber[];
  totalUnread: number;
}

export interface ConversationSummary {
  id: string;
  customerNumber: string;
  /**
   * The customer staff chose for this conversation, or else the only
   * customer on file with `customerNumber`; null when none or several match.
   */
  customer: CustomerRef | null;
  /**
   * Every customer on file with `customerNumber`, by name, when none was
   * chosen and more than one matches; otherwise empty. Staff pick one with
   * PUT /conversations/:id/customer.
   */
  customerMatches: CustomerRef[];
  /** `customer?.name`, kept for older clients. */
  customerName: string | null;
  inboxNumber: string;
  lastMessageAt: string;
  lastMessagePreview: string;
  /**
   * True when the last message is a text to the customer that did not
   * reach them: its status is failed, undelivered or canceled. A text that
   * the server is still trying to send is not failed.
   */
  lastMessageFailed: boolean;
  unreadCount: number;
  /** Whether the customer opted out of texts from `inboxNumber`. */
  optOut: OptOutState;
}

/** A customer as a conversation names it. */
export interface CustomerRef {
  id: string;
  name: string;
}

export interface OptOutState {
  /** True while sending to the customer from `inboxNumber` is refused. */
  optedOut: boolean;
  /** When the customer opted out, or opted back in when `optedOut` is false. */
  at: string | null;
  /**
   * The keyword behind `at`, such as "STOP" or "START"; null when Twilio
   * reported the opt-out through error 21610 or nothing is stored.
   */
  keyword: string | null;
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
  /** True for a failed outbound message that POST …/retry may send again. */
  retryable: boolean;
  /**
   * The last failed attempt of an outbound message that the server will
   * try to send again, or null when no attempt has failed or it gave up.
   */
  retrying: {
    /** Attempts made so far. */
    attempts: number;
    lastError: string;
    nextAttemptAt: string;
  } | null;
  sentBy: { id: string; name: string } | null;
  /**
   * `url` is the server's attachment route, which needs a signed-in session.
   * `viewable` is false for a type the server does not serve, such as SVG.
   */
  media: { url: string; contentType: string; viewable: boolean }[];
  createdAt: string;
}

export interface MessagePage {
  /** Oldest first. */
  messages: Message[];
  /** Pass as `before` to load older messages; null when there are none. */
  nextBefore: string | null;
}

export interface ReplyRequest {
  /** May be empty when `mediaIds` is not. */
  body: string;
  /** Upload ids from POST /uploads, at most 10, sent as MMS attachments. */
  mediaIds?: string[];
}

export interface NewConversationRequest {
  /** Customer number in any common format; normalised with the company country. */
  to: string;
  /** Required when the company has more than one number. */
  from?: string;
  /** May be empty when `mediaIds` is not. */
  body: string;
  /** Upload ids from POST /uploads, at most 10, sent as MMS attachments. */
  mediaIds?: string[];
}

/** A file staff attached, ready to send within MEDIA_URL_TTL_HOURS. */
export interface UploadResult {
  uploadId: string;
  /** Staff-facing preview URL (signed-in staff of the company only). */
  url: string;
  contentType: string;
  /** In bytes. */
  size: number;
}

export interface SendResult {
  conversation: ConversationSummary;
  message: Message;
}

/** Kind of a live inbox update. */
export type InboxEventType =
  | "message.created"
  | "message.updated"
  | "conversation.read"
  | "conversation.updated";

/**
 * The JSON `data` of one server-sent event from GET /events. Its SSE `id`
 * is its position in the company's event log. A reconnecting EventSource
 * sends the last one back as `Last-Event-ID` (or pass `?lastEventId=`) and
 * receives every later event once, in order. A connection without one
 * starts with the next change, so load the inbox over REST first. The
 * conversation, message and count are loaded when the event is sent, so
 * they show the current state. "conversation.read" reaches only the staff
 * member who read the conversation. "conversation.updated" means the
 * customer shown for the conversation may have changed: staff chose or
 * cleared one, or a customer with its number was added, edited or deleted.
 */
export interface InboxEvent {
  type: InboxEventType;
  /** As GET /conversations/:id returns it for this staff member. */
  conversation: ConversationSummary;
  /** Null for "conversation.read" and "conversation.updated". */
  message: Message | null;
  /** This staff member's unread count across the inbox, as InboxInfo has it. */
  totalUnread: number;
}
