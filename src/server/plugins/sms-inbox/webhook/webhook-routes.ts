import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../context.js";
import {
  resolveWebhookCompany,
  type CompanyAddress,
  type WebhookCompany,
} from "./company-resolver.js";
import { storeInboundMessage } from "./inbound-store.js";
import { assertCompanyReceives } from "./recipient-check.js";
import { bindLog } from "./request-log.js";
import { rejectWebhook } from "./webhook-rejection.js";
import {
  isSignedFor,
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
import type { WebhookParams } from "../../../twilio/signature.js";

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
  request.log = bindLog(request.log, {
    messageSid: loggableSid(params.MessageSid),
  });
  const signature = requireSignatureHeader(request);
  const message = parseInboundMessage(params, request.log);
  const company = await resolveSignedCompany(ctx, request, signature, params, {
    accountSid: message.accountSid,
    companyNumber: message.to,
  });
  request.log = company.log;
  await assertCompanyReceives(ctx.db, company, message);

  const stored = await storeInboundMessage(
    ctx.db,
    company,
    message,
    ctx.logger,
  );
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

/**
 * Resolves the request's company, from the webhook company cache when it
 * can, and rejects a request not signed with the company's auth token. A
 * signature that fails against a cached auth token is checked again after
 * a fresh lookup, so an auth token changed on another instance is accepted
 * at once, and the recipient check then caches the fresh company.
 */
async function resolveSignedCompany(
  ctx: AppContext,
  request: WebhookRequest,
  signature: string,
  params: WebhookParams,
  address: CompanyAddress,
): Promise<WebhookCompany> {
  const token = request.params.token ?? null;
  const company = await resolveWebhookCompany(
    ctx,
    request.log,
    token,
    address,
    {
      useCache: true,
    },
  );
  if (isSignedFor(ctx, request, company, signature, params)) return company;

  // A cached auth token may be stale, so the signature is checked once more
  // against a fresh lookup. The cache entry stays: a forged request must not
  // be able to empty it.
  if (company.cachedNumbers !== null) {
    const fresh = await resolveWebhookCompany(
      ctx,
      request.log,
      token,
      address,
      {
        useCache: false,
      },
    );
    request.log = fresh.log;
    verifySignature(ctx, request, fresh, signature, params);

    return fresh;
  }

  request.log = company.log;
  throw rejectWebhook(company.log, "invalid_signature");
}
