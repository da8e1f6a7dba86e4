/**
 * Wire types of the SMS Inbox setup page's webhook health check, its "Set
 * webhook" actions and the inbox's webhook alerts. The routes are listed
 * in api.ts.
 */

/**
 * The state of a number's incoming-message webhook on Twilio:
 * - ok: the token URL with POST.
 * - legacy_url: the token-less URL with POST; it works, the token URL is recommended.
 * - previous_token: the URL with the token before the last rotation; it
 *   works until `previousTokenValidUntil`.
 * - old_token: a URL with a token that is no longer accepted.
 * - wrong_method: this company's URL with GET; Twilio's GET requests are rejected.
 * - other_url: a URL that is not this company's.
 * - unset: no incoming-message URL.
 * - not_sms_capable: the number cannot receive texts.
 * - not_on_account: the number is not on the connected Twilio account.
 * - unreachable: Twilio did not respond, so the state is unknown.
 * - check_failed: Twilio rejected the check, for example for bad credentials.
 */
export type WebhookState =
  | "ok"
  | "legacy_url"
  | "previous_token"
  | "old_token"
  | "wrong_method"
  | "other_url"
  | "unset"
  | "not_sms_capable"
  | "not_on_account"
  | "unreachable"
  | "check_failed";

export interface NumberWebhookHealth {
  /** Id of the InboxNumber; "default" for the company's connected number. */
  numberId: string;
  phoneNumber: string;
  /** The number's label, as in InboxNumber, or null when it has none. */
  name: string | null;
  isDefault: boolean;
  state: WebhookState;
  /** Explanation of the state and what to do about it, in a sentence or two. */
  message: string;
  /** The number's SmsUrl on Twilio; "" when unset, null when unknown. */
  smsUrl: string | null;
  /** "GET" or "POST" when known. */
  smsMethod: string | null;
  /** Whether Twilio lists the number as SMS-capable; null when unknown. */
  smsCapable: boolean | null;
  /** Whether "Set webhook" can point this number at the token URL. */
  canSetWebhook: boolean;
  /** When the number last received a text, or null. */
  lastInboundAt: string | null;
  checkedAt: string;
  /**
   * The setting that decides where Twilio sends texts to the number: its
   * own SmsUrl, or the inbound request URL of its Messaging Service.
   */
  webhookSource: "number" | "messaging_service";
  /** The URL Twilio calls for texts, from `webhookSource`; "" when unset. */
  incomingUrl: string | null;
  incomingMethod: string | null;
  /** The Messaging Service whose sender pool has the number, if any. */
  messagingService: MessagingServiceSummary | null;
  /**
   * The reason it is unknown whether the number is in a Messaging Service,
   * so `state` may be wrong; null when the check succeeded.
   */
  messagingServiceNote: string | null;
}

/**
 * POST /setup/messaging-services/:serviceSid/webhook sets the service's
 * inbound request URL, for every number in it. `expectedInboundRequestUrl`
 * is the URL the page showed ("" for none).
 */
export interface SetServiceWebhookRequest {
  expectedInboundRequestUrl: string;
}

/** A Messaging Service's settings for incoming texts. */
export interface MessagingServiceSummary {
  /** MG… SID. */
  sid: string;
  friendlyName: string;
  /** null when unset: Twilio then drops texts unless the number decides. */
  inboundRequestUrl: string | null;
  inboundMethod: string;
  /** True when each number's own SmsUrl decides instead of the service. */
  useInboundWebhookOnNumber: boolean;
}

export interface WebhookHealthReport {
  webhookUrl: string;
  previousTokenValidUntil: string | null;
  numbers: NumberWebhookHealth[];
}

/**
 * POST /setup/numbers/:numberId/webhook. `expectedSmsUrl` is the URL the
 * page showed ("" for none); a different current URL on Twilio gets 409.
 */
export interface SetWebhookRequest {
  expectedSmsUrl: string;
}

/** POST /setup/webhooks: sets the webhook on several numbers at once. */
export interface SetWebhooksRequest {
  numbers: { numberId: string; expectedSmsUrl: string }[];
}

export interface SetWebhooksResult {
  results: {
    numberId: string;
    /** The number's health after the update; null when the update failed. */
    health: NumberWebhookHealth | null;
    error: { code: string; message: string } | null;
  }[];
}

/** GET /webhook-alerts: numbers whose webhook needs a manager's attention. */
export interface WebhookAlerts {
  numbers: { phoneNumber: string; state: WebhookState; message: string }[];
  /**
   * The problem that kept the last check from running for some numbers, or
   * null when every number was checked. GET /webhook-alerts always sets it.
   */
  checkProblem?: WebhookCheckProblem | null;
}

/**
 * The reason the last webhook check did not run for some numbers:
 * "credentials_rejected" when Twilio rejected the saved Account SID and auth
 * token (error 20003), "check_failed" when Twilio could not be reached or
 * returned another error.
 */
export interface WebhookCheckProblem {
  kind: "credentials_rejected" | "check_failed";
  message: string;
  /** Count of inbox numbers whose last check did not run. */
  numberCount: number;
  /** When the failed check ran. */
  checkedAt: string;
}
