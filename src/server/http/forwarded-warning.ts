import type { FastifyInstance } from "fastify";
import type { TrustProxy } from "../trust-proxy.js";

/**
 * Logs one warning when a request carries X-Forwarded-For while TRUST_PROXY
 * is off. Such a request usually comes through a reverse proxy, so every
 * client would share the proxy's IP in sign-in limits and audit entries.
 */
export function warnAboutUntrustedProxy(
  app: FastifyInstance,
  trustProxy: TrustProxy,
): void {
  if (trustProxy !== false) return;

  let warned = false;
  app.addHook("onRequest", async (request) => {
    if (warned || request.headers["x-forwarded-for"] === undefined) return;

    warned = true;
    request.log.warn(
      { remoteAddress: request.ip },
      "a request has an X-Forwarded-For header, but TRUST_PROXY is not set, so the client IP is the proxy's; set TRUST_PROXY to the proxy's address",
    );
  });
}
