import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from "fastify";
import { errors, isAppError, type AppError } from "../errors.js";
import { SECURITY_HEADERS } from "./security-headers.js";

/**
 * Maps every thrown error to the wire shape `{ error: { code, message } }`,
 * plus an AppError's field and details.
 * AppErrors and Fastify's own 4xx errors keep their status and message,
 * except body-parsing errors, which become catalogue errors. Anything else
 * becomes a generic 500 and is logged with its stack.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    const error = fromFastifyError(thrown, request) ?? thrown;
    if (isAppError(error)) {
      request.log.info(
        { code: error.code, statusCode: error.statusCode },
        "request rejected",
      );

      return reply.code(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          field: error.field,
          ...error.details,
        },
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

/**
 * Returns the catalogue error for a Fastify body-parsing failure, whose own
 * codes (FST_ERR_CTP_...) and messages name Fastify internals.
 */
function fromFastifyError(
  error: FastifyError,
  request: FastifyRequest,
): AppError | null {
  switch (error.code) {
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return errors.invalidJson("it is empty");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      // The JSON parser reports a __proto__ key itself (request-body.ts).
      return errors.invalidJson("it is malformed");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return errors.bodyTooLarge(request.routeOptions.bodyLimit);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return errors.unsupportedMediaType();
    default:
      return null;
  }
}

/**
 * Longest path parameter the router matches, Fastify's default. A longer
 * one reaches replyToFrameworkError.
 */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/**
 * Fastify's `frameworkErrors` option: replies to a URL the router could
 * not read, with a malformed percent-encoding or an overlong path
 * parameter, in the app's error shape instead of Fastify's own. Such a
 * reply skips the app's hooks, so it sets the security headers itself.
 */
export function replyToFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.headers(SECURITY_HEADERS);
  const appError =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? errors.pathSegmentTooLong(MAX_PATH_PARAMETER_LENGTH)
      : error.code === "FST_ERR_BAD_URL"
        ? errors.badUrl()
        : null;
  if (!appError) {
    request.log.error({ err: error }, "request failed");
    const internal = errors.internal();
    void reply.code(500).send({
      error: { code: internal.code, message: internal.message },
    });

    return;
  }

  request.log.info(
    { code: appError.code, statusCode: appError.statusCode },
    "request rejected",
  );
  void reply.code(appError.statusCode).send({
    error: { code: appError.code, message: appError.message },
  });
}

function fastifyCode(error: FastifyError): string {
  return (error.code ?? "bad_request").toLowerCase();
}
