import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { TrustProxy } from "../trust-proxy.js";

/**
 * Logs one warning, with the sender's address, for the first request that
 * carries X-Forwarded-For from a sender that TRUST_PROXY does not trust.
 * Such a request usually comes through a reverse proxy that TRUST_PROXY
 * leaves out, so every client would share the proxy's IP in sign-in limits
 * and audit entries.
 */
export function warnAboutUntrustedProxy(
  app: FastifyInstance,
  trustProxy: TrustProxy,
): void {
  let warned = false;
  app.addHook("onRequest", async (request) => {
    if (warned || request.headers["x-forwarded-for"] === undefined) return;

    // request.ips lists the sender, then forwarded addresses while the hop
    // before them is trusted, so one entry means an untrusted sender. Without
    // TRUST_PROXY, Fastify leaves request.ips undefined.
    if ((request.ips?.length ?? 1) > 1) return;

    warned = true;
    request.log.warn(
      { remoteAddress: request.socket.remoteAddress },
      untrustedSenderMessage(trustProxy),
    );
  });
}

function untrustedSenderMessage(trustProxy: TrustProxy): string {
  if (trustProxy === false) {
    return "a request has an X-Forwarded-For header, but TRUST_PROXY is not set, so the header is ignored and the client IP is the proxy's; set TRUST_PROXY to the proxy's address";
  }

  return "a request has an X-Forwarded-For header from an address that TRUST_PROXY does not list, so the header is ignored and the client IP is the sender's; if the sender is your proxy, add its address to TRUST_PROXY";
}

/**
 * Logs a warning at start-up when TRUST_PROXY is a hop count and HOST is not
 * a loopback address. A hop count trusts whatever connects, so a client that
 * reaches the server directly can choose its IP with X-Forwarded-For.
 */
export function warnAboutHopCount(
  logger: FastifyBaseLogger,
  trustProxy: TrustProxy,
  host: string,
): void {
  if (typeof trustProxy !== "number" || isLoopbackHost(host)) return;

  logger.warn(
    { trustProxy, host },
    "TRUST_PROXY is a hop count, which trusts X-Forwarded-For from any sender, and HOST is not a loopback address, so clients that reach the server directly can choose their IP and evade per-IP sign-in limits; set TRUST_PROXY to the proxy's addresses, or make the server reachable only through the proxy",
  );
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
