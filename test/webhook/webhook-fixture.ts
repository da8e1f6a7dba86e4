import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/server/context.js";
import { newId, nowIso } from "../../src/server/db/ids.js";
import {
  buildCompany,
  connectTwilio,
  installSmsInbox,
  type BuiltCompany,
  type BuiltTwilioConnection,
} from "../support/factories.js";
import {
  signedWebhookRequest,
  type FormParams,
} from "../support/twilio-signing.js";

export const PUBLIC_URL = "https://inbox.example.com";
export const WEBHOOK_PATH = "/v1/plugins/sms-chat/webhook";
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
export const CUSTOMER_NUMBER = "+14155550199";

export interface InboxCompany {
  company: BuiltCompany;
  twilio: BuiltTwilioConnection;
}

/** Creates a company with Twilio connected and SMS Inbox installed. */
export async function buildInboxCompany(
  ctx: AppContext,
  options: Partial<BuiltTwilioConnection> & { country?: string } = {},
): Promise<InboxCompany> {
  const { country, ...connection } = options;
  const company = await buildCompany(ctx, { country });
  const twilio = await connectTwilio(ctx, company, connection);
  await installSmsInbox(ctx, company);

  return { company, twilio };
}

export function randomSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Returns the parameters Twilio posts for an SMS to the company's number. */
export function inboundParams(
  twilio: BuiltTwilioConnection,
  overrides: FormParams = {},
): FormParams {
  const messageSid = randomSid("SM");

  return {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: messageSid,
    NumMedia: "0",
    ToCity: "SAN FRANCISCO",
    SmsSid: messageSid,
    SmsStatus: "received",
    Body: "Hi, is my 10am kayak tour still on? 🌊",
    FromCountry: "US",
    To: twilio.defaultNumber,
    NumSegments: "1",
    ReferralNumMedia: "0",
    MessageSid: messageSid,
    AccountSid: twilio.accountSid,
    From: CUSTOMER_NUMBER,
    ApiVersion: "2010-04-01",
    ...overrides,
  };
}

/** Returns the public webhook URL with the company's token. */
export function tokenUrl(company: BuiltCompany, base = PUBLIC_URL): string {
  return `${base}${WEBHOOK_PATH}/${company.webhookToken}`;
}

/** Posts `params` to `url`, signed with the company's auth token. */
export function postSigned(
  app: FastifyInstance,
  inbox: InboxCompany,
  params: FormParams,
  url = tokenUrl(inbox.company),
) {
  return app.inject(signedWebhookRequest(url, params, inbox.twilio.authToken));
}

export async function countRows(ctx: AppContext) {
  const count = async (
    table: "messages" | "conversations" | "message_media",
  ) => {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();

    return Number(row.count);
  };

  return {
    messages: await count("messages"),
    conversations: await count("conversations"),
    media: await count("message_media"),
  };
}

export function findMessage(ctx: AppContext, messageSid: string) {
  return ctx.db
    .selectFrom("messages")
    .selectAll()
    .where("twilio_sid", "=", messageSid)
    .executeTakeFirst();
}

export function findConversation(ctx: AppContext, conversationId: string) {
  return ctx.db
    .selectFrom("conversations")
    .selectAll()
    .where("id", "=", conversationId)
    .executeTakeFirstOrThrow();
}

/** Adds a number to the company's inbox on its Twilio account. */
export async function addInboxNumber(
  ctx: AppContext,
  inbox: InboxCompany,
  phoneNumber: string,
): Promise<void> {
  await ctx.db
    .insertInto("inbox_numbers")
    .values({
      id: newId(),
      company_id: inbox.company.id,
      account_sid: inbox.twilio.accountSid,
      phone_number: phoneNumber,
      twilio_sid: null,
      created_at: nowIso(),
    })
    .execute();
}
