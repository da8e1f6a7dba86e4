import type { FastifyInstance, FastifyRequest } from "fastify";
import { toFormFields, type FormFields } from "./form-body.js";
import { requestPath } from "./twilio-params.js";

/** A Twilio API request and the sandbox's response, kept for tests. */
export interface RecordedRequest {
  /** The operationId of the route in Twilio's OpenAPI spec. */
  operationId: string;
  method: string;
  path: string;
  query: FormFields;
  form: FormFields | null;
  statusCode: number;
  responseBody: unknown;
}

/**
 * Route patterns mapped to the operationIds of Twilio's OpenAPI specs:
 * twilio_api_v2010.json, and twilio_messaging_v1.json for /v1.
 */
const operationIds: Record<string, string> = {
  "GET /2010-04-01/Accounts/:Sid.json": "FetchAccount",
  "POST /2010-04-01/Accounts/:AccountSid/Messages.json": "CreateMessage",
  "GET /2010-04-01/Accounts/:AccountSid/Messages.json": "ListMessage",
  "GET /2010-04-01/Accounts/:AccountSid/Messages/:Sid.json": "FetchMessage",
  "GET /2010-04-01/Accounts/:AccountSid/IncomingPhoneNumbers.json":
    "ListIncomingPhoneNumber",
  "GET /2010-04-01/Accounts/:AccountSid/IncomingPhoneNumbers/:Sid.json":
    "FetchIncomingPhoneNumber",
  "POST /2010-04-01/Accounts/:AccountSid/IncomingPhoneNumbers/:Sid.json":
    "UpdateIncomingPhoneNumber",
  "GET /v1/Services": "ListService",
  "GET /v1/Services/:ServiceSid": "FetchService",
  "POST /v1/Services/:ServiceSid": "UpdateService",
  "GET /v1/Services/:ServiceSid/PhoneNumbers": "ListPhoneNumber",
};

const maxEntries = 1000;

/** The most recent Twilio API requests, oldest first. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > maxEntries) this.entries.shift();
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** Records every request to a route listed in `operationIds`. */
export function installRequestLog(app: FastifyInstance, log: RequestLog) {
  const payloads = new WeakMap<FastifyRequest, string>();

  app.addHook("onSend", async (request, _reply, payload) => {
    if (typeof payload === "string") payloads.set(request, payload);

    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const operationId =
      operationIds[`${request.method} ${request.routeOptions.url}`];
    if (!operationId) return;

    const payload = payloads.get(request);
    log.add({
      operationId,
      method: request.method,
      path: requestPath(request.url),
      query: toFormFields(request.query),
      form: request.method === "POST" ? toFormFields(request.body) : null,
      statusCode: reply.statusCode,
      responseBody: payload === undefined ? null : parseJson(payload),
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
