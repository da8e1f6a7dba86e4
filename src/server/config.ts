import { z } from "zod";

/**
 * The service configuration. This module is the only reader of `process.env`:
 * every variable is validated here, and start-up fails with a list of every
 * invalid one. Each variable is documented in the README and `.env.example`.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().min(1).default("data/sms-inbox.sqlite"),
  PUBLIC_URL: z.url().optional(),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters (32 bytes)")
    .optional(),
  DATA_DIR: z.string().min(1).default("data"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 14),
  TWILIO_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /** Base URL that Twilio and browsers reach, without a trailing slash. */
  readonly publicUrl: string;
  readonly twilioApiBaseUrl: string;
  /** 32-byte key for stored credentials; undefined means "load or create". */
  readonly encryptionKey: Buffer | undefined;
  readonly dataDir: string;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly sessionTtlMs: number;
  readonly twilioTimeoutMs: number;
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
    databaseUrl: values.DATABASE_URL,
    publicUrl,
    twilioApiBaseUrl: values.TWILIO_API_BASE_URL.replace(/\/+$/, ""),
    encryptionKey: values.ENCRYPTION_KEY
      ? Buffer.from(values.ENCRYPTION_KEY, "hex")
      : undefined,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    sessionTtlMs: values.SESSION_TTL_HOURS * 60 * 60 * 1000,
    twilioTimeoutMs: values.TWILIO_TIMEOUT_MS,
    secureCookies: publicUrl.startsWith("https://"),
  });
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";

  return host.includes(":") ? `[${host}]` : host;
}
