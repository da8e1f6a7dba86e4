import type { FastifyInstance, FastifyRequest, HTTPMethods } from "fastify";

const METHODS: HTTPMethods[] = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
];

/**
 * Returns the methods that have a route for the request's path, other than
 * the request's own method. An empty list means the path is unknown.
 */
export function allowedMethods(
  app: FastifyInstance,
  request: FastifyRequest,
): HTTPMethods[] {
  const url = request.url.split("?")[0] ?? "/";

  return METHODS.filter(
    (method) =>
      method !== request.method && app.findRoute({ method, url }) !== null,
  );
}

/** Returns the 405 body for a path that exists with other methods. */
export function methodNotAllowedBody(method: string, allowed: string[]) {
  return {
    error: {
      code: "method_not_allowed",
      message: `This endpoint does not accept ${method}. Send the request with ${describeList(allowed)}.`,
    },
  };
}

function describeList(methods: string[]): string {
  if (methods.length === 1) return methods[0] ?? "";

  return `${methods.slice(0, -1).join(", ")} or ${methods.at(-1)}`;
}
