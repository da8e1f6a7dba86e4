import type {
  NumberWebhookHealth,
  WebhookAlerts,
} from "../../../../common/api.js";
import type { CachedLookup } from "./health-cache.js";
import type { CheckedNumber } from "./inbox-number-list.js";
import { assessWebhook, STATES_NEEDING_ATTENTION } from "./webhook-state.js";
import type { WebhookTokens } from "./webhook-tokens.js";

/** Twilio's error code for an Account SID and auth token it does not accept. */
const TWILIO_AUTHENTICATION_FAILED = 20003;

/** The company facts that every number's health is judged against. */
export interface HealthFacts {
  publicUrl: string;
  accountSid: string;
  tokens: WebhookTokens;
}

export function presentNumberHealth(
  number: CheckedNumber,
  cached: CachedLookup,
  facts: HealthFacts,
  lastInboundAt: string | null,
): NumberWebhookHealth {
  const { lookup } = cached;
  const found = lookup.result === "found" ? lookup : null;
  const assessment = assessWebhook({ ...facts, lookup });

  return {
    numberId: number.numberId,
    phoneNumber: number.phoneNumber,
    isDefault: number.isDefault,
    state: assessment.state,
    message: assessment.message,
    smsUrl: found?.smsUrl ?? null,
    smsMethod: found?.smsMethod ?? null,
    smsCapable: found?.smsCapable ?? null,
    canSetWebhook: assessment.canSetWebhook,
    lastInboundAt,
    checkedAt: cached.checkedAt,
  };
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
    if (!cached) continue;

    const assessment = assessWebhook({ ...facts, lookup: cached.lookup });
    const needsFix =
      STATES_NEEDING_ATTENTION.has(assessment.state) ||
      rejectedCredentials(cached);
    if (!needsFix) continue;

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
