import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../context.js";
import { resolveWebhookCompany } from "./company-resolver.js";
import { storeInboundMessage } from "./inbound-store.js";
import { assertCompanyReceives } from "./recipient-check.js";
import {
  requireFormBody,
  requireSignatureHeader,
  TWILIO_BODY_LIMIT,
  verifySignature,
} from "./twilio-request-guard.js";
import {
  loggableSid,
  parseInboundMessage,
  readParams,
} from "./webhook-request.js";

export const WEBHOOK_PATH = "/v1/plugins/sms-chat/webhook";

/** Twilio sends nothing back to the customer for an empty TwiML response. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

interface WebhookRoute {
  Params: { token?: string };
}

type WebhookRequest = FastifyRequest<WebhookRoute>;

/** Mounts Twilio's incoming-message webhook, with and without a token. */
export function registerWebhookRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  const options = { onRequest: requireFormBody, bodyLimit: TWILIO_BODY_LIMIT };
  const handler = (request: WebhookRequest, reply: FastifyReply) =>
    handleIncomingMessage(ctx, request, reply);

  app.post<WebhookRoute>(`${WEBHOOK_PATH}/:token`, options, handler);
  app.post<WebhookRoute>(WEBHOOK_PATH, options, handler);
}

async function handleIncomingMessage(
  ctx: AppContext,
  request: WebhookRequest,
  reply: FastifyReply,
) {
  const params = readParams(request.body);
  // Later log lines of this request carry the SID, the error handler's too.
  request.log = request.log.child({
    messageSid: loggableSid(params.MessageSid),
  });
  const signature = requireSignatureHeader(request);
  const message = parseInboundMessage(params, request.log);
  const token = request.params.token ?? null;
  const company = await resolveWebhookCompany(ctx, request.log, token, {
    accountSid: message.accountSid,
    companyNumber: message.to,
  });
  request.log = company.log;
  verifySignature(ctx, request, company, signature, params);
  await assertCompanyReceives(ctx.db, company, message);

  const stored = await storeInboundMessage(ctx.db, company, message);
  request.log.info(
    {
      messageId: stored.messageId,
      duplicate: !stored.inserted,
      keywordAction: stored.keywordAction,
    },
    "inbound message stored",
  );

  return reply.code(200).type("text/xml").send(EMPTY_TWIML);
}
