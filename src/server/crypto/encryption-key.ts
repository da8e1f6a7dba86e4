import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../logger.js";

export const KEY_FILE_NAME = "encryption.key";

/**
 * Returns the key that encrypts stored credentials: ENCRYPTION_KEY when set,
 * else the key file in the data folder, created on first run.
 */
export function loadEncryptionKey(
  configured: Buffer | undefined,
  dataDir: string,
  logger: Logger,
): Buffer {
  if (configured) return configured;

  const path = join(dataDir, KEY_FILE_NAME);
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "hex");
    if (key.length !== 32) {
      throw new Error(
        `${path} does not contain a 64-character hex key. Restore it from your backup or set ENCRYPTION_KEY.`,
      );
    }

    return key;
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  logger.warn(
    { path },
    "generated a new encryption key; back it up, because stored Twilio credentials cannot be read without it",
  );

  return key;
}
