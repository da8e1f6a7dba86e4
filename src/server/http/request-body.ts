import type { FastifyInstance, FastifyRequest } from "fastify";
import { errors } from "../errors.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Set on an /api/ route that reads its body with its own content-type
     * parser, such as a file upload, so the JSON-only check skips it.
     */
    rawBody?: boolean;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * Replaces Fastify's JSON parser with one that rejects bytes that are not
 * UTF-8 instead of decoding them to U+FFFD, and otherwise parses as
 * Fastify does, rejecting __proto__ and constructor.prototype keys.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "buffer" },
    (request, body, done) => {
      let text: string;
      try {
        text = utf8.decode(body as Buffer);
      } catch {
        done(errors.invalidJson("it is not valid UTF-8"), undefined);
        return;
      }

      parseJson(request, text, done);
    },
  );
}

/**
 * Adds an onRequest hook that rejects an /api/ request with a body that is
 * not JSON, with 415, before the body is read. @fastify/formbody is
 * registered for Twilio's webhooks, so without this check the API would
 * also read form posts.
 */
export function requireJsonApiBodies(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;

    if (!BODY_METHODS.has(request.method) || !hasBody(request)) return;

    if (request.routeOptions.config.rawBody) return;

    const mediaType = request.headers["content-type"]
      ?.split(";")[0]
      ?.trim()
      .toLowerCase();
    if (mediaType !== "application/json") {
      throw errors.unsupportedMediaType();
    }
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  if (length !== undefined) return length !== "0";

  return request.headers["transfer-encoding"] !== undefined;
}
