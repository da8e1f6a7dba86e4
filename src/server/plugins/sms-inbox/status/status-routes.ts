import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../context.js";
import { resolveWebhookCompany } from "../webhook/company-resolver.js";
import { bindLog } from "../webhook/request-log.js";
import {
  requireFormBody,
  requireSignatureHeader,
  TWILIO_BODY_LIMIT,
  verifySignature,
} from "../webhook/twilio-request-guard.js";
import { loggableSid, readParams } from "../webhook/webhook-request.js";
import { rejectWebhook } from "../webhook/webhook-rejection.js";
import { STATUS_CALLBACK_PATH } from "./status-callback-url.js";
import { parseStatusCallback } from "./status-callback-request.js";
import { recordStatusCallback } from "./status-recorder.js";

interface StatusRoute {
  Params: { token?: string };
  Querystring: { messageId?: unknown };
}

type StatusRequest = FastifyRequest<StatusRoute>;

/** Mounts the delivery status callback, with and without a token. */
export function registerStatusRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  const options = { onRequest: requireFormBody, bodyLimit: TWILIO_BODY_LIMIT };
  const handler = (request: StatusRequest, reply: FastifyReply) =>
    handleStatusCallback(ctx, request, reply);

  app.post<StatusRoute>(`${STATUS_CALLBACK_PATH}/:token`, options, handler);
  app.post<StatusRoute>(STATUS_CALLBACK_PATH, options, handler);
}

/**
 * Checks the signature as the incoming-message webhook does, then applies
 * the status. A MessageSid the company does not have gets 200 and a
 * warning, not 404, because by default Twilio retries only when the
 * connection fails (its webhook connection overrides, rc=1). Callbacks for
 * texts this server sent name the message in the URL, so one that overtakes
 * the outbox storing the SID still finds its message.
 */
async function handleStatusCallback(
  ctx: AppContext,
  request: StatusRequest,
  reply: FastifyReply,
) {
  const params = readParams(request.body);
  request.log = bindLog(request.log, {
    messageSid: loggableSid(params.MessageSid),
  });
  const signature = requireSignatureHeader(request);
  const callback = parseStatusCallback(params, request.log);
  const token = request.params.token ?? null;
  const company = await resolveWebhookCompany(ctx, request.log, token, {
    accountSid: callback.accountSid,
    companyNumber: callback.from,
  });
  request.log = company.log;
  verifySignature(ctx, request, company, signature, params);
  if (callback.accountSid !== company.connection.accountSid) {
    throw rejectWebhook(request.log, "account_mismatch");
  }

  const messageId = request.query.messageId;
  const outcome = await recordStatusCallback(ctx.db, company.id, {
    ...callback,
    messageId: typeof messageId === "string" ? messageId : null,
  });
  const fields = {
    ...outcome,
    status: callback.status,
    errorCode: callback.errorCode,
  };
  if (outcome.result === "unknown_message") {
    request.log.warn(fields, "status callback for unknown message");
  } else {
    request.log.info(fields, "status callback applied");
  }

  return reply.code(200).send();
}
