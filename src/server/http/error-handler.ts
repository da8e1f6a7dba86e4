import type { FastifyError, FastifyInstance } from "fastify";
import { errors, isAppError } from "../errors.js";

/**
 * Maps every thrown error to the wire shape `{ error: { code, message } }`.
 * AppErrors and Fastify's own 4xx errors keep their status and message;
 * anything else becomes a generic 500 and is logged with its stack.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      request.log.info(
        { code: error.code, statusCode: error.statusCode },
        "request rejected",
      );

      return reply.code(error.statusCode).send({
        error: { code: error.code, message: error.message, field: error.field },
      });
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, statusCode: status }, "bad request");

      return reply.code(status).send({
        error: { code: fastifyCode(error), message: error.message },
      });
    }

    request.log.error({ err: error }, "request failed");
    const internal = errors.internal();

    return reply.code(500).send({
      error: { code: internal.code, message: internal.message },
    });
  });
}

function fastifyCode(error: FastifyError): string {
  return (error.code ?? "bad_request").toLowerCase();
}
