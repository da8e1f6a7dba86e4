import type {
  NumberWebhookHealth,
  WebhookAlerts,
} from "../../../../common/webhook-health-api.js";
import type { CachedLookup } from "./health-cache.js";
import type { CheckedNumber } from "./inbox-number-list.js";
import type { ServiceMembership } from "./messaging-service-lookup.js";
import { assessWebhook, STATES_NEEDING_ATTENTION } from "./webhook-state.js";
import type { WebhookTokens } from "./webhook-tokens.js";

/** Twilio's error code for an Account SID and auth token it does not accept. */
const TWILIO_AUTHENTICATION_FAILED = 20003;

/** The company facts that every number's health is judged against. */
export interface HealthFacts {
  publicUrl: string;
  /** The reason Twilio cannot reach URLs on publicUrl, or null. */
  publicUrlProblem: string | null;
  accountSid: string;
  tokens: WebhookTokens;
  /** Each number's stored Messaging Service check, by E.164 number. */
  services: Map<string, ServiceMembership>;
}

export function presentNumberHealth(
  number: CheckedNumber,
  cached: CachedLookup,
  facts: HealthFacts,
  lastInboundAt: string | null,
): NumberWebhookHealth {
  const { lookup } = cached;
  const found = lookup.result === "found" ? lookup : null;
  const service = facts.services.get(number.phoneNumber) ?? null;
  const assessment = assessWebhook({ ...facts, lookup, service });
  const deciding = assessment.decidingService;

  return {
    numberId: number.numberId,
    phoneNumber: number.phoneNumber,
    name: number.name,
    isDefault: number.isDefault,
    state: assessment.state,
    message: assessment.message,
    smsUrl: found?.smsUrl ?? null,
    smsMethod: found?.smsMethod ?? null,
    smsCapable: found?.smsCapable ?? null,
    canSetWebhook: assessment.canSetWebhook,
    lastInboundAt,
    checkedAt: cached.checkedAt,
    webhookSource: deciding ? "messaging_service" : "number",
    incomingUrl: deciding
      ? (deciding.inboundRequestUrl ?? "")
      : (found?.smsUrl ?? null),
    incomingMethod: deciding
      ? deciding.inboundMethod
      : (found?.smsMethod ?? null),
    messagingService: service?.result === "member" ? service.service : null,
    messagingServiceNote: found ? serviceNote(service) : null,
  };
}

/** Explains why the number's Messaging Service is unknown, if it is. */
function serviceNote(service: ServiceMembership | null): string | null {
  const unknownService =
    "This state is judged on the number's own webhook only. If the number is in a Messaging Service, the service's incoming request URL may decide where texts go.";
  if (service === null) {
    return `Whether this number is in a Messaging Service has not been checked yet, so refresh the check. ${unknownService}`;
  }

  if (service.result !== "unknown") return null;

  return `${service.message} ${unknownService}`;
}

/** Lists the numbers whose stored lookup shows a webhook needing a fix. */
export function presentWebhookAlerts(
  numbers: CheckedNumber[],
  lookups: Map<string, CachedLookup>,
  facts: HealthFacts,
): WebhookAlerts {
  const alerts: WebhookAlerts["numbers"] = [];
  for (const number of numbers) {
    const cached = lookups.get(number.phoneNumber);
    // Rejected credentials are reported once for all numbers, as the
    // alerts' check problem.
    if (!cached || rejectedCredentials(cached)) continue;

    const assessment = assessWebhook({
      ...facts,
      lookup: cached.lookup,
      service: facts.services.get(number.phoneNumber) ?? null,
    });
    if (!STATES_NEEDING_ATTENTION.has(assessment.state)) continue;

    alerts.push({
      phoneNumber: number.phoneNumber,
      state: assessment.state,
      message: assessment.message,
    });
  }

  return { numbers: alerts };
}

/**
 * Checks whether Twilio rejected the stored credentials (error 20003). Unlike other
 * failed checks, this one is certain to need a fix, and sending fails too.
 */
function rejectedCredentials(cached: CachedLookup): boolean {
  return (
    cached.lookup.result === "failed" &&
    cached.lookup.code === TWILIO_AUTHENTICATION_FAILED
  );
}
