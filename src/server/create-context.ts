import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { loadEncryptionKey } from "./crypto/encryption-key.js";
import { SecretBox } from "./crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "./db/database.js";
import { createLogger, type Logger } from "./logger.js";

/** Opens the database, applies migrations and loads the encryption key. */
export async function createContext(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<AppContext> {
  const key = loadEncryptionKey(config.encryptionKey, config.dataDir, logger);
  const db = openDatabase(config.databaseUrl, {
    checkpointLogger: logger,
  });
  await migrateToLatest(db);

  return { config, db, logger, secretBox: new SecretBox(key) };
}
