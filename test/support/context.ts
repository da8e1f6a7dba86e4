import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { loadConfig, type Config } from "../../src/server/config.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { createLogger } from "../../src/server/logger.js";

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

/** Builds the app on a private in-memory SQLite database. */
export async function buildTestApp(
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = buildTestConfig(env);
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
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
      await db.destroy();
    },
  };
}
