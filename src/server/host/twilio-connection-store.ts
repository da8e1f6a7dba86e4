import type { AppContext } from "../context.js";
import { nowIso } from "../db/ids.js";

export interface StoredTwilioConnection {
  accountSid: string;
  /** Decrypted; never log it or put it in a response. */
  authToken: string;
  defaultNumber: string;
  /** Label of the default number, or null when it has none. */
  defaultNumberName: string | null;
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
    defaultNumberName: row.default_number_name,
    updatedAt: row.updated_at,
  };
}

/**
 * Stores a company's Twilio connection with the token encrypted. Without
 * `defaultNumberName`, a new connection's default number has no name and
 * a stored one keeps its name.
 */
export async function saveTwilioConnection(
  ctx: Pick<AppContext, "db" | "secretBox">,
  companyId: string,
  connection: {
    accountSid: string;
    authToken: string;
    defaultNumber: string;
    defaultNumberName?: string | null;
  },
): Promise<void> {
  const values = {
    account_sid: connection.accountSid,
    auth_token_encrypted: ctx.secretBox.seal(connection.authToken),
    default_number: connection.defaultNumber,
    ...(connection.defaultNumberName === undefined
      ? {}
      : { default_number_name: connection.defaultNumberName }),
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
