import { randomBytes } from "node:crypto";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { loadConfig } from "../../src/server/config.js";
import { createLogger } from "../../src/server/logger.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
  type BuiltCompany,
  type BuiltStaff,
  type BuiltTwilioConnection,
} from "../../test/support/factories.js";

/** The URL that webhooks are signed for; the server checks against it. */
export const BENCH_PUBLIC_URL = "https://inbox.bench.test";
export const INBOX_NUMBER = "+14155550100";

export interface BenchCompany {
  company: BuiltCompany;
  connection: BuiltTwilioConnection;
  /** Full public webhook URL, as Twilio would post to it. */
  webhookUrl: string;
}

/** Opens and migrates `databaseUrl`, with a context like the server's. */
export async function openBenchContext(
  databaseUrl: string,
  encryptionKey: string,
): Promise<AppContext> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: BENCH_PUBLIC_URL,
    ENCRYPTION_KEY: encryptionKey,
    LOG_LEVEL: "silent",
  });
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);

  return {
    config,
    db,
    logger: createLogger("silent"),
    secretBox: new SecretBox(Buffer.from(encryptionKey, "hex")),
  };
}

export function newEncryptionKey(): string {
  return randomBytes(32).toString("hex");
}

/** Creates a company connected to Twilio with the inbox on everywhere. */
export async function seedBenchCompany(ctx: AppContext): Promise<BenchCompany> {
  const company = await buildCompany(ctx);
  const connection = await connectTwilio(ctx, company, {
    defaultNumber: INBOX_NUMBER,
  });
  await installSmsInbox(ctx, company);

  return {
    company,
    connection,
    webhookUrl: `${BENCH_PUBLIC_URL}/v1/plugins/sms-chat/webhook/${company.webhookToken}`,
  };
}

/** Signs in `count` staff members who see the whole inbox. */
export async function seedBenchStaff(
  ctx: AppContext,
  company: BuiltCompany,
  count: number,
): Promise<BuiltStaff[]> {
  const staff: BuiltStaff[] = [];
  for (let index = 0; index < count; index += 1) {
    staff.push(await buildStaff(ctx, company));
  }

  return staff;
}
