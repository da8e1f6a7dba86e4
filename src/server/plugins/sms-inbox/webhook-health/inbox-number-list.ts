import type { Db } from "../../../db/database.js";
import { listCompanyNumbers } from "../numbers/number-store.js";

/** An inbox number with the Twilio SID stored for it, if any. */
export interface CheckedNumber {
  numberId: string;
  phoneNumber: string;
  name: string | null;
  isDefault: boolean;
  twilioSid: string | null;
}

/** Lists the company's inbox numbers, default first, with their SIDs. */
export async function listCheckedNumbers(
  db: Db,
  companyId: string,
): Promise<CheckedNumber[]> {
  const [numbers, sids] = await Promise.all([
    listCompanyNumbers(db, companyId),
    db
      .selectFrom("inbox_numbers")
      .select(["id", "twilio_sid"])
      .where("company_id", "=", companyId)
      .execute(),
  ]);
  const sidById = new Map(sids.map((row) => [row.id, row.twilio_sid]));

  return numbers.map((number) => ({
    numberId: number.id,
    phoneNumber: number.phoneNumber,
    name: number.name,
    isDefault: number.isDefault,
    twilioSid: sidById.get(number.id) ?? null,
  }));
}

/** Returns when each of `phoneNumbers` last received a text. */
export async function loadLastInboundTimes(
  db: Db,
  companyId: string,
  phoneNumbers: string[],
): Promise<Map<string, string>> {
  if (phoneNumbers.length === 0) return new Map();

  const rows = await db
    .selectFrom("messages")
    .select(["to_number", (eb) => eb.fn.max("created_at").as("last_at")])
    .where("company_id", "=", companyId)
    .where("direction", "=", "inbound")
    .where("to_number", "in", phoneNumbers)
    .groupBy("to_number")
    .execute();

  return new Map(rows.map((row) => [row.to_number, row.last_at]));
}
