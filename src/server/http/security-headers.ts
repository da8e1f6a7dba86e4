import type { FastifyInstance } from "fastify";

/**
 * The web app loads its scripts, styles and data from this server only.
 * Styles allow 'unsafe-inline' because MUI's emotion adds <style> tags at
 * run time; img-src allows data: and blob: URLs for the inline favicon and
 * for previews of files staff attach.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/**
 * Adds the security headers to every response, including errors and the
 * web app's files. A header that a route set itself, such as the stricter
 * policy on attachments, is kept.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }

    return payload;
  });
}
