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
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
