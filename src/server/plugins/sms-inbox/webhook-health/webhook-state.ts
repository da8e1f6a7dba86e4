import type { WebhookState } from "../../../../common/webhook-health-api.js";
import type {
  MessagingServiceRoute,
  ServiceMembership,
} from "./messaging-service-lookup.js";
import { serviceStateMessage } from "./service-state-messages.js";
import type { NumberLookup } from "./twilio-number-lookup.js";
import type { WebhookTokens } from "./webhook-tokens.js";
import { classifySmsUrl } from "./webhook-urls.js";

/** The state of a number's webhook, its explanation and whether it can be set. */
export interface WebhookAssessment {
  state: WebhookState;
  message: string;
  /** False when the number's own webhook does not decide, or is right. */
  canSetWebhook: boolean;
  /** The Messaging Service whose URL decides instead of the number's. */
  decidingService: MessagingServiceRoute | null;
}

/**
 * States in which texts to the number do not reach the inbox, or will stop
 * reaching it when the previous token expires. The inbox warns managers
 * about these. Failed checks are left out because the webhook may be fine.
 */
export const STATES_NEEDING_ATTENTION: ReadonlySet<WebhookState> = new Set([
  "previous_token",
  "old_token",
  "wrong_method",
  "other_url",
  "unset",
  "not_sms_capable",
  "not_on_account",
]);

export interface AssessmentFacts {
  publicUrl: string;
  /** The reason Twilio cannot reach URLs on publicUrl, or null. */
  publicUrlProblem: string | null;
  tokens: WebhookTokens;
  accountSid: string;
  lookup: NumberLookup;
  /** The number's Messaging Service check; null when not checked. */
  service: ServiceMembership | null;
}

/**
 * Decides the state of a number's webhook from its lookup on Twilio. For a
 * number in a Messaging Service's sender pool, Twilio calls the service's
 * inbound request URL unless the service has UseInboundWebhookOnNumber
 * (Messaging v1 Service resource), so that URL is judged instead.
 */
export function assessWebhook(facts: AssessmentFacts): WebhookAssessment {
  const { lookup } = facts;
  const base = { canSetWebhook: false, decidingService: null };
  if (lookup.result !== "found") return assessMissingNumber(facts, lookup);

  if (!lookup.smsCapable) {
    return {
      ...base,
      state: "not_sms_capable",
      message:
        "Twilio lists this number without SMS capability, so it cannot receive texts. Remove it from the inbox and use an SMS-capable number.",
    };
  }

  const service = decidingService(facts.service);
  if (service) {
    return withReachNote(assessServiceWebhook(facts, service), facts);
  }

  const state = urlState(facts, lookup.smsUrl, lookup.smsMethod);

  return withReachNote(
    {
      state,
      message: withMethodNote(
        stateMessage(state, facts.tokens),
        state,
        lookup.smsMethod,
      ),
      canSetWebhook: state !== "ok",
      decidingService: null,
    },
    facts,
  );
}

/** States in which the number's webhook is one of the inbox's URLs. */
const INBOX_URL_STATES: ReadonlySet<WebhookState> = new Set([
  "ok",
  "legacy_url",
  "previous_token",
]);

/**
 * Replaces the message of a webhook set to one of the inbox's URLs when
 * Twilio cannot reach those URLs at all, such as on a loopback host.
 */
function withReachNote(
  assessment: WebhookAssessment,
  facts: AssessmentFacts,
): WebhookAssessment {
  if (
    facts.publicUrlProblem === null ||
    !INBOX_URL_STATES.has(assessment.state)
  ) {
    return assessment;
  }

  return {
    ...assessment,
    message:
      "The webhook is set to the inbox's URL, but Twilio cannot reach that address, so texts to this number do not arrive. See the warning under Webhook.",
  };
}

/** Explains a lookup that did not find the number's settings. */
function assessMissingNumber(
  facts: AssessmentFacts,
  lookup: Exclude<NumberLookup, { result: "found" }>,
): WebhookAssessment {
  const base = { canSetWebhook: false, decidingService: null };
  switch (lookup.result) {
    case "not_found":
      return {
        ...base,
        state: "not_on_account",
        message: `This number is not on the connected Twilio account (${facts.accountSid}), so its texts cannot reach the inbox. It may belong to another Twilio account or have been released. Remove it from the inbox, or connect the account that owns it in company settings.`,
      };
    case "unreachable":
      return {
        ...base,
        state: "unreachable",
        message: `The webhook could not be checked because Twilio did not respond. ${lookup.message} Then refresh.`,
      };
    case "failed":
      return {
        ...base,
        state: "check_failed",
        message: `The webhook could not be checked. ${lookup.message}`,
      };
  }
}

/** Returns the service whose inbound URL Twilio uses, if there is one. */
export function decidingService(
  membership: ServiceMembership | null,
): MessagingServiceRoute | null {
  if (membership?.result !== "member") return null;

  const { service } = membership;

  return service.useInboundWebhookOnNumber ? null : service;
}

function assessServiceWebhook(
  facts: AssessmentFacts,
  service: MessagingServiceRoute,
): WebhookAssessment {
  const state = urlState(
    facts,
    service.inboundRequestUrl ?? "",
    service.inboundMethod,
  );
  const message = serviceStateMessage(state, service, facts.tokens);

  return {
    state,
    message: withMethodNote(message, state, service.inboundMethod),
    // Setting the number's own webhook would not change where texts go.
    canSetWebhook: false,
    decidingService: service,
  };
}

/**
 * Adds the method problem to a URL that is wrong anyway, because fixing
 * only the URL would still lose texts sent with GET.
 */
function withMethodNote(
  message: string,
  state: WebhookState,
  method: string,
): string {
  if (state !== "other_url" || method === "POST") return message;

  return `${message} It also uses HTTP ${method}, but the inbox accepts only POST, so Twilio must send POST.`;
}

function urlState(
  facts: AssessmentFacts,
  smsUrl: string,
  smsMethod: string,
): WebhookState {
  const url = classifySmsUrl(facts.publicUrl, smsUrl);
  if (url.kind === "unset") return "unset";

  if (url.kind === "other") return "other_url";

  const { current, previous } = facts.tokens;
  let state: WebhookState;
  if (url.kind === "legacy") {
    state = "legacy_url";
  } else if (url.token === current) {
    state = "ok";
  } else if (url.token === previous?.token) {
    state = "previous_token";
  } else {
    return "old_token";
  }

  // Only POST routes exist, so Twilio's GET requests never arrive.
  return smsMethod === "POST" ? state : "wrong_method";
}

function stateMessage(state: WebhookState, tokens: WebhookTokens): string {
  switch (state) {
    case "ok":
      return "Texts to this number reach the inbox.";
    case "legacy_url":
      return "Works: the number uses the URL without a token. The token URL is recommended, because it names the company directly instead of finding it by Twilio account and number.";
    case "previous_token":
      return `Works until ${tokens.previous?.validUntil ?? "the previous token expires"}: the URL has the token from before the last rotation. Set the new webhook URL before then, or texts to this number will be rejected.`;
    case "old_token":
      return "The URL has a webhook token that is no longer valid, so texts to this number are rejected. Set the webhook to the current URL.";
    case "wrong_method":
      return "The webhook uses HTTP GET, but the inbox accepts only POST, so texts to this number are lost. Set the webhook to use POST.";
    case "other_url":
      return "The webhook points at another URL, so texts to this number do not reach the inbox. Set it to the inbox's URL, unless another app must receive them.";
    case "unset":
      return "The number has no incoming-message webhook, so texts to it do not reach the inbox. Set the webhook.";
    default:
      return "";
  }
}
