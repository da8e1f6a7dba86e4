import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticate } from "./auth.js";
import type { SandboxContext } from "./context.js";
import { twilioErrors } from "./errors.js";
import { firstValue, toFormFields, type FormFields } from "./form-body.js";
import {
  presentMessagingService,
  presentServicePhoneNumber,
} from "./messaging-presenters.js";
import { buildPage, readPageRequest } from "./paging.js";
import type { SandboxMessagingService } from "./state-types.js";
import { requestPath, stringParam } from "./twilio-params.js";
import { readUpdateMethod, readUpdateUrl } from "./update-fields.js";

// The spec names the service SID {Sid} on /v1/Services/{Sid}, but the auth
// hook reads a `Sid` parameter as an account SID, so the routes call it
// ServiceSid throughout.
const servicePath = "/Services/:ServiceSid";

/**
 * Registers the Messaging v1 routes the product reads: Services (list,
 * fetch, update) and each service's PhoneNumbers (list). `app` is
 * prefixed with /v1 and already authenticated.
 */
export function registerMessagingRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  app.get("/Services", async (request) => {
    const account = authenticate(ctx.state, request);
    const origin = requestOrigin(request);
    const services = ctx.state.messagingServicesOf(account.sid);
    const page = buildV1Page(services, request, origin, "services");

    return {
      services: page.items.map((service) =>
        presentMessagingService(service, origin),
      ),
      meta: page.meta,
    };
  });

  app.get(servicePath, async (request) => {
    const service = findService(ctx, request);

    return presentMessagingService(service, requestOrigin(request));
  });

  app.post(servicePath, async (request) => {
    const service = findService(ctx, request);
    applyServiceUpdate(service, toFormFields(request.body));

    return presentMessagingService(service, requestOrigin(request));
  });

  app.get(`${servicePath}/PhoneNumbers`, async (request) => {
    const service = findService(ctx, request);
    const origin = requestOrigin(request);
    const numbers = ctx.state.senderPoolOf(service);
    const page = buildV1Page(numbers, request, origin, "phone_numbers");

    return {
      phone_numbers: page.items.map((number) =>
        presentServicePhoneNumber(service, number, origin),
      ),
      meta: page.meta,
    };
  });
}

function findService(
  ctx: SandboxContext,
  request: FastifyRequest,
): SandboxMessagingService {
  const account = authenticate(ctx.state, request);
  const sid = stringParam(request.params, "ServiceSid");
  const service = ctx.state.findMessagingService(account.sid, sid);
  if (!service) throw twilioErrors.notFound(requestPath(request.url));

  return service;
}

function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Returns one page in the v1 shape: the same cursors as the 2010-04-01
 * API, with absolute URLs in `meta`, which twilio-node follows as given.
 */
function buildV1Page<T extends { sid: string }>(
  items: T[],
  request: FastifyRequest,
  origin: string,
  key: string,
) {
  const path = requestPath(request.url);
  const page = buildPage(
    items,
    readPageRequest(toFormFields(request.query)),
    path,
    [],
  );
  const absolute = (uri: string | null) => (uri ? `${origin}${uri}` : null);

  return {
    items: page.items,
    meta: {
      first_page_url: `${origin}${page.meta.first_page_uri}`,
      key,
      next_page_url: absolute(page.meta.next_page_uri),
      page: page.meta.page,
      page_size: page.meta.page_size,
      previous_page_url: absolute(page.meta.previous_page_uri),
      url: `${origin}${page.meta.uri}`,
    },
  };
}

/**
 * Applies the settings the sandbox models and ignores the other fields of
 * UpdateService. Every field is validated first, so a bad request changes
 * nothing. An empty InboundRequestUrl clears it, which drops inbound texts.
 */
function applyServiceUpdate(
  service: SandboxMessagingService,
  form: FormFields,
) {
  const inboundRequestUrl = readUrl(form, "InboundRequestUrl");
  const fallbackUrl = readUrl(form, "FallbackUrl");
  const statusCallback = readUrl(form, "StatusCallback");
  const inboundMethod = readUpdateMethod(form, "InboundMethod");
  const fallbackMethod = readUpdateMethod(form, "FallbackMethod");
  const useNumberWebhook = readBoolean(form, "UseInboundWebhookOnNumber");
  const friendlyName = firstValue(form, "FriendlyName");
  if (friendlyName !== undefined && friendlyName.length > 64) {
    throw twilioErrors.friendlyNameTooLong();
  }

  if (inboundRequestUrl !== undefined) {
    service.inboundRequestUrl = inboundRequestUrl;
  }
  if (fallbackUrl !== undefined) service.fallbackUrl = fallbackUrl;
  if (statusCallback !== undefined) service.statusCallback = statusCallback;
  service.inboundMethod = inboundMethod ?? service.inboundMethod;
  service.fallbackMethod = fallbackMethod ?? service.fallbackMethod;
  service.useInboundWebhookOnNumber =
    useNumberWebhook ?? service.useInboundWebhookOnNumber;
  service.friendlyName = friendlyName ?? service.friendlyName;
  service.dateUpdated = new Date();
}

/** Returns the URL field: undefined when absent, null when "". */
function readUrl(form: FormFields, name: string): string | null | undefined {
  const url = readUpdateUrl(form, name);

  return url === "" ? null : url;
}

/** Reads a boolean as twilio-node sends it, "true" or "false". */
function readBoolean(form: FormFields, name: string): boolean | undefined {
  const text = firstValue(form, name);
  if (text === undefined) return undefined;

  const lower = text.toLowerCase();
  if (lower !== "true" && lower !== "false") {
    throw twilioErrors.invalidBoolean(name, text);
  }

  return lower === "true";
}
