import type { AppContext } from "../context.js";
import { nowIso } from "../db/ids.js";

export interface StoredTwilioConnection {
  accountSid: string;
  /** Decrypted; never log it or put it in a response. */
  authToken: string;
  defaultNumber: string;
  updatedAt: string;
}

/** Loads and decrypts a company's Twilio connection, or returns null. */
export async function findTwilioConnection(
  ctx: Pick<AppContext, "db" | "secretBox">,
  companyId: string,
): Promise<StoredTwilioConnection | null> {
  const row = await ctx.db
    .selectFrom("twilio_connections")
    .selectAll()
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return null;

  return {
    accountSid: row.account_sid,
    authToken: ctx.secretBox.open(row.auth_token_encrypted),
    defaultNumber: row.default_number,
    updatedAt: row.updated_at,
  };
}

export async function saveTwilioConnection(
  ctx: Pick<AppContext, "db" | "secretBox">,
  companyId: string,
  connection: { accountSid: string; authToken: string; defaultNumber: string },
): Promise<void> {
  const values = {
    account_sid: connection.accountSid,
    auth_token_encrypted: ctx.secretBox.seal(connection.authToken),
    default_number: connection.defaultNumber,
    updated_at: nowIso(),
  };

  await ctx.db
    .insertInto("twilio_connections")
    .values({ company_id: companyId, ...values })
    .onConflict((conflict) => conflict.column("company_id").doUpdateSet(values))
    .execute();
}

/** Masks a secret for display, keeping only its last four characters. */
export function maskSecret(secret: string): string {
  return `${"•".repeat(Math.max(secret.length - 4, 4))}${secret.slice(-4)}`;
}
