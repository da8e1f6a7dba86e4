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
/**
 * The escape of a UTF-16 surrogate, such as \uD800. Strict UTF-8 cannot
 * encode a surrogate, so JSON text contains one only as such an escape.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const UNPAIRED_SURROGATE = /\p{Cs}/u;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
/**
 * Deepest nesting of arrays and objects a JSON body may have. The API's
 * bodies nest a few levels, and the checks below walk the value
 * recursively, so a body nested thousands of levels deep would overflow
 * the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Replaces Fastify's JSON parser with one that rejects bytes that are not
 * UTF-8 instead of decoding them to U+FFFD, rejects strings with an unpaired
 * surrogate escape such as "\uD800", and removes NUL characters from
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
        if (exceedsDepth(value, MAX_JSON_DEPTH)) {
          done(errors.jsonTooDeep(MAX_JSON_DEPTH), undefined);
          return;
        }

        const surrogate = SURROGATE_ESCAPE.test(text)
          ? findUnpairedSurrogate(value, [])
          : null;
        if (surrogate !== null) {
          done(unpairedSurrogateError(surrogate), undefined);
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

  if (exceedsDepth(value, MAX_JSON_DEPTH))
    return errors.jsonTooDeep(MAX_JSON_DEPTH);

  const path = forbiddenKeyPath(value, []);
  if (path === null) return null;

  return new AppError(
    400,
    "invalid_json",
    `The request body contains the key "${path.at(-1)}" at ${path.join(".")}, which is not allowed because it could change object prototypes. Remove or rename the key.`,
  );
}

/**
 * Returns whether `value` nests arrays and objects more than `maxDepth`
 * levels deep. It keeps its own stack, so any depth is safe to measure.
 */
function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;

    const depth = item.depth + 1;
    if (depth > maxDepth) return true;
    for (const child of Object.values(item.value)) {
      stack.push({ value: child, depth });
    }
  }

  return false;
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

/** A string or key of a JSON value that contains an unpaired surrogate. */
interface UnpairedSurrogate {
  /** Keys and array indexes from the root to the string or key. */
  path: string[];
  /** The first unpaired surrogate, such as "\uD800". */
  surrogate: string;
}

/**
 * Returns the first string or key of `value` that contains an unpaired
 * UTF-16 surrogate, or null when there is none.
 */
function findUnpairedSurrogate(
  value: unknown,
  path: string[],
): UnpairedSurrogate | null {
  if (typeof value === "string") {
    const surrogate = UNPAIRED_SURROGATE.exec(value)?.[0];

    return surrogate === undefined ? null : { path, surrogate };
  }
  if (typeof value !== "object" || value === null) return null;

  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key];
    const found = findUnpairedSurrogate(key, itemPath);
    if (found) return found;

    const nested = findUnpairedSurrogate(item, itemPath);
    if (nested) return nested;
  }

  return null;
}

/**
 * Returns the 400 error for a string with an unpaired surrogate, naming its
 * field. Such a string has no UTF-8 encoding, so it cannot be stored as
 * written, and a text sent with it would carry U+FFFD replacement characters.
 */
function unpairedSurrogateError({
  path,
  surrogate,
}: UnpairedSurrogate): AppError {
  const field = path.map(escapeSurrogates).join(".");
  const problem = `contains an unpaired UTF-16 surrogate (${escapeSurrogates(surrogate)}), which is not a valid character. Remove it or replace it with the character you meant, then send the request again.`;
  if (field === "") return errors.validation(`The request body ${problem}`);

  return errors.validation(`${field}: the text ${problem}`, field);
}

/** Writes each unpaired surrogate of `text` as a JSON escape, such as \uD800. */
function escapeSurrogates(text: string): string {
  return text.replace(
    /\p{Cs}/gu,
    (surrogate) => `\\u${surrogate.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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
