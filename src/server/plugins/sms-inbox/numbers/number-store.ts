import type { InboxNumber } from "../../../../common/api.js";
import type { Db } from "../../../db/database.js";
import { newId, nowIso } from "../../../db/ids.js";

export const DEFAULT_NUMBER_ID = "default";

/**
 * Lists the numbers the inbox sends and receives on: the company's default
 * Twilio number first, then each added inbox number.
 */
export async function listCompanyNumbers(
  db: Db,
  companyId: string,
): Promise<InboxNumber[]> {
  const [connection, added] = await Promise.all([
    db
      .selectFrom("twilio_connections")
      .select(["default_number", "default_number_name"])
      .where("company_id", "=", companyId)
      .executeTakeFirst(),
    db
      .selectFrom("inbox_numbers")
      .select(["id", "phone_number", "name"])
      .where("company_id", "=", companyId)
      .orderBy("created_at")
      .execute(),
  ]);

  const numbers: InboxNumber[] = [];
  if (connection) {
    numbers.push({
      id: DEFAULT_NUMBER_ID,
      phoneNumber: connection.default_number,
      name: connection.default_number_name,
      isDefault: true,
    });
  }
  for (const row of added) {
    if (row.phone_number === connection?.default_number) continue;

    numbers.push({
      id: row.id,
      phoneNumber: row.phone_number,
      name: row.name,
      isDefault: false,
    });
  }

  return numbers;
}

/**
 * Returns the ids of companies that receive texts sent to `phoneNumber` on
 * the Twilio account `accountSid`. More than one id means the number is
 * claimed twice, which callers treat as unknown.
 */
export async function findCompaniesByNumber(
  db: Db,
  accountSid: string,
  phoneNumber: string,
): Promise<string[]> {
  const [defaults, added] = await Promise.all([
    db
      .selectFrom("twilio_connections")
      .select("company_id")
      .where("account_sid", "=", accountSid)
      .where("default_number", "=", phoneNumber)
      .execute(),
    db
      .selectFrom("inbox_numbers")
      .select("company_id")
      .where("account_sid", "=", accountSid)
      .where("phone_number", "=", phoneNumber)
      .execute(),
  ]);

  return [...new Set([...defaults, ...added].map((row) => row.company_id))];
}

/**
 * Stores a number added to the inbox. Returns null when the Twilio account
 * already has that number in some company's inbox.
 */
export async function insertInboxNumber(
  db: Db,
  number: {
    companyId: string;
    accountSid: string;
    phoneNumber: string;
    twilioSid: string | null;
    name?: string | null;
  },
): Promise<string | null> {
  const row = await db
    .insertInto("inbox_numbers")
    .values({
      id: newId(),
      company_id: number.companyId,
      account_sid: number.accountSid,
      phone_number: number.phoneNumber,
      twilio_sid: number.twilioSid,
      name: number.name ?? null,
      created_at: nowIso(),
    })
    .onConflict((conflict) =>
      conflict.columns(["account_sid", "phone_number"]).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();

  return row?.id ?? null;
}

/** Deletes an added number of the company. Returns false if none matched. */
/** Deletes an added number; returns its E.164 form, or null when none was. */
export async function deleteInboxNumber(
  db: Db,
  companyId: string,
  numberId: string,
): Promise<string | null> {
  const row = await db
    .deleteFrom("inbox_numbers")
    .where("id", "=", numberId)
    .where("company_id", "=", companyId)
    .returning("phone_number")
    .executeTakeFirst();

  return row?.phone_number ?? null;
}
