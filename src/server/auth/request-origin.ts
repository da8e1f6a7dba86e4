import type { FastifyRequest } from "fastify";
import { errors } from "../errors.js";

/**
 * Guards the POSTs that run before there is a session (sign-in, first-run
 * setup), where no CSRF token exists yet. A cross-site HTML form can only
 * send urlencoded, multipart or text/plain bodies, so requiring JSON rules
 * it out. Browsers send Origin on cross-origin POSTs, so an Origin that is
 * neither the public URL nor the Host the request reached is rejected.
 */
export function requireSameOriginJson(
  request: FastifyRequest,
  publicUrl: string,
): void {
  if (!isJsonRequest(request)) throw errors.unsupportedMediaType();

  const origin = request.headers.origin;
  if (origin === undefined) return;

  if (!isAllowedOrigin(origin, publicUrl, request.headers.host)) {
    throw errors.crossSiteOrigin();
  }
}

function isJsonRequest(request: FastifyRequest): boolean {
  const contentType = request.headers["content-type"] ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();

  return mediaType === "application/json";
}

function isAllowedOrigin(
  origin: string,
  publicUrl: string,
  host: string | undefined,
): boolean {
  // "null" (sandboxed frames, some redirects) does not parse as a URL.
  const parsed = URL.canParse(origin) ? new URL(origin) : null;
  if (!parsed) return false;

  if (parsed.origin === new URL(publicUrl).origin) return true;

  return host !== undefined && parsed.host === host.toLowerCase();
}
