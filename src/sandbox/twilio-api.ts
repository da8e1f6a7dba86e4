import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
} from "fastify";
import { registerAccountRoutes } from "./accounts-routes.js";
import { authenticate } from "./auth.js";
import type { SandboxContext } from "./context.js";
import { presentTwilioError, TwilioApiError, twilioErrors } from "./errors.js";
import { requestPath } from "./twilio-params.js";
import { registerTwilioMediaRoutes } from "./media-routes.js";
import { registerMessageRoutes } from "./messages-routes.js";
import { registerMessagingRoutes } from "./messaging-routes.js";
import { registerNumberRoutes } from "./numbers-routes.js";

/**
 * Registers the Twilio-shaped routes: the /2010-04-01 API and, under /v1,
 * the Messaging v1 Services that twilio-node sends to messaging.twilio.com.
 * Every one of them, unknown paths included, requires the account's Basic
 * credentials, and every error is sent as Twilio's error JSON.
 */
export async function registerTwilioApi(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  await app.register(
    twilioScope(ctx, (api) => {
      registerAccountRoutes(api, ctx);
      registerMessageRoutes(api, ctx);
      registerTwilioMediaRoutes(api, ctx);
      registerNumberRoutes(api, ctx);
    }),
    { prefix: "/2010-04-01" },
  );
  await app.register(
    twilioScope(ctx, (api) => registerMessagingRoutes(api, ctx)),
    { prefix: "/v1" },
  );
}

/** Wraps `registerRoutes` with Twilio's authentication and error replies. */
function twilioScope(
  ctx: SandboxContext,
  registerRoutes: (api: FastifyInstance) => void,
): FastifyPluginAsync {
  return async (api) => {
    api.addHook("onRequest", async (request) => {
      authenticate(ctx.state, request);
    });

    api.setErrorHandler(
      (error: FastifyError | TwilioApiError, request, reply) => {
        const twilioError = toTwilioError(error);
        const fields = {
          route: request.routeOptions.url,
          code: twilioError.code,
        };
        if (twilioError.status >= 500) {
          ctx.logger.error({ ...fields, err: error }, "request failed");
        } else {
          ctx.logger.info(fields, "request rejected");
        }
        if (twilioError.status === 401) {
          reply.header("WWW-Authenticate", 'Basic realm="Twilio API"');
        }

        return reply
          .code(twilioError.status)
          .send(presentTwilioError(twilioError));
      },
    );

    api.setNotFoundHandler(async (request, reply) => {
      authenticate(ctx.state, request);
      const error = twilioErrors.notFound(requestPath(request.url));

      return reply.code(404).send(presentTwilioError(error));
    });

    registerRoutes(api);
  };
}

function toTwilioError(error: FastifyError | TwilioApiError): TwilioApiError {
  if (error instanceof TwilioApiError) return error;

  const status = "statusCode" in error ? error.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors, such as an unparsable body.
    return new TwilioApiError(status, 20001, error.message);
  }

  return twilioErrors.internal();
}
