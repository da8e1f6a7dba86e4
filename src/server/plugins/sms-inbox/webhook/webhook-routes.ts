import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../context.js";
import {
  isValidTwilioSignature,
  signedWebhookUrl,
  type WebhookParams,
} from "../../../twilio/signature.js";
import {
  resolveWebhookCompany,
  type WebhookCompany,
} from "./company-resolver.js";
import { storeInboundMessage } from "./inbound-store.js";
import { assertCompanyReceives } from "./recipient-check.js";
import {
  isFormContentType,
  loggableSid,
  parseInboundMessage,
  readParams,
} from "./webhook-request.js";
import { rejectWebhook } from "./webhook-rejection.js";

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
  const options = { onRequest: requireFormBody };
  const handler = (request: WebhookRequest, reply: FastifyReply) =>
    handleIncomingMessage(ctx, request, reply);

  app.post<WebhookRoute>(`${WEBHOOK_PATH}/:token`, options, handler);
  app.post<WebhookRoute>(WEBHOOK_PATH, options, handler);
}

async function requireFormBody(request: FastifyRequest): Promise<void> {
  if (!isFormContentType(request.headers["content-type"])) {
    throw rejectWebhook(request.log, "unsupported_media_type");
  }
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
  const signature = request.headers["x-twilio-signature"];
  if (typeof signature !== "string" || signature === "") {
    throw rejectWebhook(request.log, "missing_signature");
  }

  const message = parseInboundMessage(params, request.log);
  const token = request.params.token ?? null;
  const company = await resolveWebhookCompany(ctx, request.log, token, message);
  request.log = company.log;
  verifySignature(ctx, request, company, signature, params);
  await assertCompanyReceives(ctx.db, company, message);

  const stored = await storeInboundMessage(ctx.db, company, message);
  request.log.info(
    { messageId: stored.messageId, duplicate: !stored.inserted },
    "inbound message stored",
  );

  return reply.code(200).type("text/xml").send(EMPTY_TWIML);
}

function verifySignature(
  ctx: AppContext,
  request: FastifyRequest,
  company: WebhookCompany,
  signature: string,
  params: WebhookParams,
): void {
  const url = signedWebhookUrl(ctx.config.publicUrl, request.url);
  const { authToken } = company.connection;
  if (!isValidTwilioSignature(authToken, signature, url, params)) {
    throw rejectWebhook(request.log, "invalid_signature");
  }
}
