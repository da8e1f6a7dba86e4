import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { loadConfig, type Config } from "../../src/server/config.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { createLogger } from "../../src/server/logger.js";
import { openTestDatabase } from "./test-database.js";

export interface TestApp {
  ctx: AppContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Returns a config for tests; `env` overrides individual variables. */
export function buildTestConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: ":memory:",
    PUBLIC_URL: "https://inbox.example.com",
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    LOG_LEVEL: "silent",
    ...env,
  });
}

/**
 * Builds the app on a private database: in-memory SQLite, or a fresh
 * PostgreSQL schema when TEST_DATABASE_URL names a PostgreSQL server. An
 * `env.DATABASE_URL` is used as it is, so several apps can share it.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(env.DATABASE_URL);
  const { db } = database;
  const config = buildTestConfig({ ...env, DATABASE_URL: database.url });
  const ctx: AppContext = {
    config,
    db,
    logger: createLogger(config.logLevel),
    secretBox: new SecretBox(config.encryptionKey ?? randomBytes(32)),
  };
  const app = await buildApp(ctx);
  await app.ready();

  return {
    ctx,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
