import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { registerControlRoutes } from "./control-routes.js";
import { registerMessagingControlRoutes } from "./messaging-control-routes.js";
import { ControlError } from "./control-schemas.js";
import { registerPhoneRoutes } from "./phone-routes.js";
import { ConflictError } from "./state.js";

/**
 * Registers the JSON control API under /sandbox/api that tests, the demo and
 * the virtual phone page use. It has no authentication and ignores Twilio
 * credentials, so the sandbox must listen on loopback only, which is what
 * its default host 127.0.0.1 does.
 */
export async function registerControlApi(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  await app.register(
    async (api) => {
      api.setErrorHandler((error, _request, reply) => {
        const status = controlStatus(error);
        if (status >= 500) {
          ctx.logger.error({ err: error }, "control request failed");
        } else {
          ctx.logger.info({ statusCode: status }, "control request rejected");
        }
        const message =
          status >= 500 || !(error instanceof Error)
            ? "Internal error; see the sandbox log."
            : error.message;

        return reply.code(status).send({ error: message });
      });
      api.setNotFoundHandler(async (request, reply) =>
        reply.code(404).send({
          error: `No control route ${request.method} ${request.url}.`,
        }),
      );
      registerControlRoutes(api, ctx);
      registerMessagingControlRoutes(api, ctx);
      registerPhoneRoutes(api, ctx);
    },
    { prefix: "/sandbox/api" },
  );
}

function controlStatus(error: unknown): number {
  if (error instanceof ControlError) return error.status;

  if (error instanceof ConflictError) return 409;

  const status =
    typeof error === "object" && error !== null && "statusCode" in error
      ? error.statusCode
      : undefined;

  return typeof status === "number" && status >= 400 && status < 500
    ? status
    : 500;
}
