import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

/**
 * Returns true when the request carries `Authorization: Bearer <token>`
 * with the configured METRICS_TOKEN. Both sides are hashed first, so the
 * constant-time compare gets equal lengths and the token's length is not
 * leaked by timing.
 */
export function hasMetricsToken(
  request: FastifyRequest,
  token: string,
): boolean {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer (.+)$/i.exec(header);
  const presented = match?.[1] ?? "";

  return timingSafeEqual(sha256(presented), sha256(token));
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
