import type { InboxNumber, InboxSetup } from "../../../../common/api.js";
import { presentInboxNumber } from "../numbers/number-presenter.js";
import { unreachablePublicUrl } from "../webhook-health/public-url-reach.js";
import type { WebhookTokens } from "../webhook-health/webhook-tokens.js";
import {
  legacyWebhookUrl,
  tokenWebhookUrl,
} from "../webhook-health/webhook-urls.js";

export interface SetupFacts {
  publicUrl: string;
  twilioApiBaseUrl: string;
  webhookTokens: WebhookTokens;
  twilioConnected: boolean;
  numbers: InboxNumber[];
  enabledLocationIds: string[];
}

export function presentInboxSetup(facts: SetupFacts): InboxSetup {
  return {
    webhookUrl: tokenWebhookUrl(facts.publicUrl, facts.webhookTokens.current),
    legacyWebhookUrl: legacyWebhookUrl(facts.publicUrl),
    previousTokenValidUntil: facts.webhookTokens.previous?.validUntil ?? null,
    webhookUrlProblem: unreachablePublicUrl(
      facts.publicUrl,
      facts.twilioApiBaseUrl,
    ),
    twilioConnected: facts.twilioConnected,
    numbers: facts.numbers.map(presentInboxNumber),
    enabledLocationIds: [...facts.enabledLocationIds],
  };
}
