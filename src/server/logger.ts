import pino, { type LoggerOptions, type Logger } from "pino";

/**
 * Paths that never reach the log: credentials, cookies, the Twilio signature
 * header and any message content or phone number that a caller passes in.
 */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-twilio-signature"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "authToken",
  "password",
  "body",
  "*.authToken",
  "*.password",
  "*.body",
  "*.Body",
  "*.From",
  "*.To",
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: { req: serializeRequest },
  };
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
}

/**
 * Logs a request's method, URL, host and client address as Fastify does,
 * but masks the secret path segment of Twilio webhook and status callback
 * URLs (the company token), of public attachment URLs (the upload token)
 * and of invite links (the invitation token).
 */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url
      ?.replace(
        /(\/(?:webhook|status|media|invite|invitations)\/)[^/?#]+/,
        "$1[redacted]",
      )
      // Query strings can carry file names and other customer data.
      .replace(/\?.*$/, "?[redacted]"),
    host: request.host,
    remoteAddress: request.ip,
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
