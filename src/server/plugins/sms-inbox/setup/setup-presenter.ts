import type { InboxNumber, InboxSetup } from "../../../../common/api.js";
import { presentInboxNumber } from "../numbers/number-presenter.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";

export interface SetupFacts {
  publicUrl: string;
  webhookToken: string;
  twilioConnected: boolean;
  numbers: InboxNumber[];
  enabledLocationIds: string[];
}

export function presentInboxSetup(facts: SetupFacts): InboxSetup {
  const legacyWebhookUrl = `${facts.publicUrl}/v1/plugins/${SMS_INBOX_PLUGIN_ID}/webhook`;

  return {
    webhookUrl: `${legacyWebhookUrl}/${facts.webhookToken}`,
    legacyWebhookUrl,
    twilioConnected: facts.twilioConnected,
    numbers: facts.numbers.map(presentInboxNumber),
    enabledLocationIds: [...facts.enabledLocationIds],
  };
}
