import { join } from "node:path";
import { z } from "zod";
import { TrustProxySchema, type TrustProxy } from "./trust-proxy.js";

/**
 * The service configuration. This module is the only reader of `process.env`:
 * every variable is validated here, and start-up fails with a list of every
 * invalid one. Each variable is documented in the README and `.env.example`.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters (32 bytes)")
    .optional(),
  DATA_DIR: z.string().min(1).default("data"),
  TRUST_PROXY: TrustProxySchema,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 14),
  TWILIO_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().positive().default(1_000),
  OUTBOX_RETRY_MAX_MS: z.coerce.number().int().positive().default(60_000),
  OUTBOX_RATE_PER_NUMBER: z.coerce.number().min(0).max(1_000).default(0),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  MEDIA_URL_TTL_HOURS: z.coerce.number().positive().default(24),
  MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** SQLite file under DATA_DIR that is used when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_FILE = "sms-inbox.sqlite";

export interface Config {
  readonly port: number;
  readonly host: string;
  /** DATABASE_URL, or the SQLite file DATA_DIR/sms-inbox.sqlite when unset. */
  readonly databaseUrl: string;
  /** Base URL that Twilio and browsers reach, without a trailing slash. */
  readonly publicUrl: string;
  readonly twilioApiBaseUrl: string;
  /** 32-byte key for stored credentials; undefined means "load or create". */
  readonly encryptionKey: Buffer | undefined;
  readonly dataDir: string;
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  readonly trustProxy: TrustProxy;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly sessionTtlMs: number;
  readonly twilioTimeoutMs: number;
  /** Attempts at sending a text before a transient failure becomes final,
   * and the base and cap of the backoff between attempts, in ms. */
  readonly outbox: {
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    /**
     * Maximum texts per second that the outbox sends from one number,
     * across every instance that shares the database. 0 means no limit.
     * Twilio accepts texts faster than a sender's rate and queues them,
     * sending 1 segment per second for a US long code and 100 or more for a
     * short code (Twilio's page on error 21611). Its queue takes 4 hours'
     * worth per sender, and creates beyond that fail with error 21611. The
     * default is 0 because the right rate depends on the sender type and the
     * account's throughput, so a limit the operator did not choose would
     * only delay texts. Set 1 for US long codes to keep a backlog in the
     * outbox, where it survives restarts, instead of in Twilio's queue. The
     * limit counts texts, not segments, so a long text counts once.
     */
    readonly ratePerNumber: number;
  };
  /** Largest attachment, in bytes, that is uploaded or fetched from Twilio. */
  readonly mediaMaxBytes: number;
  /** How long Twilio can fetch an uploaded attachment's public URL, in ms. */
  readonly mediaUrlTtlMs: number;
  /** Time allowed for fetching one attachment from Twilio, in ms. */
  readonly mediaFetchTimeoutMs: number;
  /** Bearer token that /metrics requires; undefined leaves it open. */
  readonly metricsToken: string | undefined;
  /** Cookies get the Secure flag when the public URL is https. */
  readonly secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/** Parses environment variables into a frozen config, or throws ConfigError. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): Config {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value === "" ? undefined : value,
    ]),
  );
  const parsed = EnvSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join(".")}: ${issue.message}`,
      ),
    );
  }

  const values = parsed.data;
  const publicUrl = (
    values.PUBLIC_URL ?? `http://${displayHost(values.HOST)}:${values.PORT}`
  ).replace(/\/+$/, "");

  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    databaseUrl:
      values.DATABASE_URL ?? join(values.DATA_DIR, DEFAULT_DATABASE_FILE),
    publicUrl,
    twilioApiBaseUrl: values.TWILIO_API_BASE_URL.replace(/\/+$/, ""),
    encryptionKey: values.ENCRYPTION_KEY
      ? Buffer.from(values.ENCRYPTION_KEY, "hex")
      : undefined,
    dataDir: values.DATA_DIR,
    trustProxy: values.TRUST_PROXY,
    logLevel: values.LOG_LEVEL,
    sessionTtlMs: values.SESSION_TTL_HOURS * 60 * 60 * 1000,
    twilioTimeoutMs: values.TWILIO_TIMEOUT_MS,
    outbox: Object.freeze({
      maxAttempts: values.OUTBOX_MAX_ATTEMPTS,
      retryBaseMs: values.OUTBOX_RETRY_BASE_MS,
      retryMaxMs: values.OUTBOX_RETRY_MAX_MS,
      ratePerNumber: values.OUTBOX_RATE_PER_NUMBER,
    }),
    mediaMaxBytes: values.MEDIA_MAX_BYTES,
    mediaUrlTtlMs: values.MEDIA_URL_TTL_HOURS * 60 * 60 * 1000,
    mediaFetchTimeoutMs: values.MEDIA_FETCH_TIMEOUT_MS,
    metricsToken: values.METRICS_TOKEN,
    secureCookies: publicUrl.startsWith("https://"),
  });
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";

  return host.includes(":") ? `[${host}]` : host;
}
