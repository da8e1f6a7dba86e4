import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/server/context.js";
import { nowIso } from "../../src/server/db/ids.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import type { FormParams } from "../support/twilio-signing.js";
import {
  CUSTOMER_NUMBER,
  PUBLIC_URL,
  randomSid,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";

export const STATUS_PATH = "/v1/plugins/sms-chat/status";

export interface SeededOutbound {
  messageId: string;
  conversationId: string;
  twilioSid: string;
}

/** Returns the company's status callback URL with its token. */
export function statusUrl(inbox: InboxCompany, base = PUBLIC_URL): string {
  return `${base}${STATUS_PATH}/${inbox.company.webhookToken}`;
}

/** Stores a text the company sent from its default number, as "queued". */
export async function seedOutbound(
  ctx: AppContext,
  inbox: InboxCompany,
  options: { status?: string; to?: string } = {},
): Promise<SeededOutbound> {
  const twilioSid = randomSid("SM");
  const to = options.to ?? CUSTOMER_NUMBER;
  const from = inbox.twilio.defaultNumber;
  const recorded = await ctx.db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: inbox.company.id,
      customerNumber: to,
      inboxNumber: from,
      direction: "outbound",
      twilioSid,
      from,
      to,
      body: "Your tour starts at 10.",
      status: options.status ?? "queued",
      sentByStaffId: null,
      media: [],
      createdAt: nowIso(),
    }),
  );

  return { ...recorded, twilioSid };
}

/** Returns the parameters Twilio posts when the text's status changes. */
export function statusParams(
  inbox: InboxCompany,
  twilioSid: string,
  status: string,
  extra: FormParams = {},
): FormParams {
  return {
    AccountSid: inbox.twilio.accountSid,
    ApiVersion: "2010-04-01",
    From: inbox.twilio.defaultNumber,
    MessageSid: twilioSid,
    MessageStatus: status,
    SmsSid: twilioSid,
    SmsStatus: status,
    To: CUSTOMER_NUMBER,
    ...extra,
  };
}

/** Posts a status callback signed with the company's auth token. */
export function postStatus(
  app: FastifyInstance,
  inbox: InboxCompany,
  params: FormParams,
  url = statusUrl(inbox),
) {
  return app.inject(signedWebhookRequest(url, params, inbox.twilio.authToken));
}

export function loadMessage(ctx: AppContext, messageId: string) {
  return ctx.db
    .selectFrom("messages")
    .select([
      "status",
      "error_code",
      "error_message",
      "status_changed_at",
      "updated_at",
    ])
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
}
