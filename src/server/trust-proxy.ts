import { isIP } from "node:net";
import { z } from "zod";

/**
 * The proxies whose X-Forwarded-For and X-Forwarded-Proto headers are
 * believed: false (none), a hop count, or their addresses and CIDR ranges.
 * A hop count trusts the nearest senders whatever their address, so it is
 * safe only when clients cannot reach the server without the proxy.
 */
export type TrustProxy = false | number | string[];

/** Names that proxy-addr, which Fastify uses, expands to address ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

const TRUST_PROXY_HELP =
  "set a hop count such as 1, or a comma-separated list of proxy addresses or CIDR ranges such as 127.0.0.1,10.0.0.0/8, or false";

/**
 * Parses TRUST_PROXY. `true` (trust every sender) is rejected, because then
 * any client that reaches the server directly can choose its own IP.
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((value, context): TrustProxy => {
    if (value === undefined || value === "" || value === "false") return false;

    if (/^\d+$/.test(value)) return parseHops(Number(value), context);

    if (value === "true") {
      context.addIssue({
        code: "custom",
        message: `true would let any client that reaches the server directly choose its own IP: ${TRUST_PROXY_HELP}`,
      });

      return z.NEVER;
    }

    const entries = value.split(",").map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isProxyAddress(entry));
    if (invalid.length === 0) return entries;

    context.addIssue({
      code: "custom",
      message: `"${invalid.join('", "')}" is not an IP address or CIDR range: ${TRUST_PROXY_HELP}`,
    });

    return z.NEVER;
  });

/** Longest accepted chain of proxies; longer values are likely typos. */
const MAX_HOPS = 10;

function parseHops(hops: number, context: z.RefinementCtx): TrustProxy {
  if (hops <= MAX_HOPS) return hops === 0 ? false : hops;

  context.addIssue({
    code: "custom",
    message: `a hop count of ${hops} is more than ${MAX_HOPS}: ${TRUST_PROXY_HELP}`,
  });

  return z.NEVER;
}

/** Accepts an IPv4 or IPv6 address, a CIDR range, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;

  const [address = "", prefix, extra] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;

  if (prefix === undefined) return true;

  if (!/^\d{1,3}$/.test(prefix)) return false;

  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Converts TRUST_PROXY to Fastify's `trustProxy` option. Fastify 5's types
 * leave out the hop count that it accepts at run time, so a count becomes
 * the function that proxy-addr builds from a count: it trusts the nearest
 * `hops` addresses.
 */
export function fastifyTrustProxy(
  trustProxy: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy !== "number") return trustProxy;

  return (_address, hop) => hop < trustProxy;
}
