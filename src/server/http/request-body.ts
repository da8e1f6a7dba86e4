import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, errors } from "../errors.js";

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
 * UTF-8 instead of decoding them to U+FFFD, and removes NUL characters from
 * strings. Otherwise it parses as Fastify does, rejecting __proto__ and
 * constructor.prototype keys, with an error that names the key.
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

      parseJson(request, text, (error, value: unknown) => {
        if (error) {
          done(forbiddenKeyError(text) ?? error, undefined);
          return;
        }

        // A NUL in JSON text is always the escape \u0000.
        done(null, text.includes("\\u0000") ? withoutNul(value) : value);
      });
    },
  );
}

/**
 * Returns the 400 error for JSON text that is valid but was rejected for a
 * __proto__ or constructor.prototype key, or null for malformed text.
 */
function forbiddenKeyError(text: string): AppError | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }

  const path = forbiddenKeyPath(value, []);
  if (path === null) return null;

  return new AppError(
    400,
    "invalid_json",
    `The request body contains the key "${path.at(-1)}" at ${path.join(".")}, which is not allowed because it could change object prototypes. Remove or rename the key.`,
  );
}

/**
 * Returns the path of the first __proto__ key, or of the first prototype
 * key inside a constructor object, or null when there is none.
 */
function forbiddenKeyPath(value: unknown, path: string[]): string[] | null {
  if (typeof value !== "object" || value === null) return null;

  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key];
    if (key === "__proto__") return itemPath;

    const isConstructorPrototype =
      key === "constructor" &&
      typeof item === "object" &&
      item !== null &&
      Object.hasOwn(item, "prototype");
    if (isConstructorPrototype) return [...itemPath, "prototype"];

    const nested = forbiddenKeyPath(item, itemPath);
    if (nested) return nested;
  }

  return null;
}

/**
 * Returns `value` with every NUL character removed from its strings.
 * PostgreSQL text cannot store U+0000, SQLite's string functions may stop at
 * it, and no field of the API has a use for it.
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value !== "object" || value === null) return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.replaceAll("\u0000", ""),
      withoutNul(item),
    ]),
  );
}

/**
 * Adds an onRequest hook that rejects a request whose path or query string
 * contains an encoded NUL character (%00), with 400.
 */
export function rejectNulInUrls(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (/%00/.test(request.url)) {
      throw errors.validation(
        "The URL contains a NUL character (%00), which no parameter accepts. Remove it and send the request again.",
      );
    }
  });
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
