import type { Db } from "../../../db/database.js";
import type { WebhookHealthTable } from "../../../db/schema.js";
import type { NumberLookup } from "./twilio-number-lookup.js";

/** A number's last lookup on Twilio and when it happened. */
export interface CachedLookup {
  phoneNumber: string;
  lookup: NumberLookup;
  checkedAt: string;
}

/** Stores the latest lookup of each number, replacing older ones. */
export async function saveLookups(
  db: Db,
  companyId: string,
  lookups: CachedLookup[],
): Promise<void> {
  for (const entry of lookups) {
    const row = toRow(companyId, entry);
    await db
      .insertInto("webhook_health")
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(["company_id", "phone_number"]).doUpdateSet({
          lookup: row.lookup,
          twilio_sid: row.twilio_sid,
          sms_url: row.sms_url,
          sms_method: row.sms_method,
          sms_capable: row.sms_capable,
          error_code: row.error_code,
          error_message: row.error_message,
          checked_at: row.checked_at,
        }),
      )
      .execute();
  }
}

/** Deletes stored lookups of numbers the inbox no longer uses. */
export async function deleteLookupsExcept(
  db: Db,
  companyId: string,
  phoneNumbers: string[],
): Promise<void> {
  let query = db
    .deleteFrom("webhook_health")
    .where("company_id", "=", companyId);
  if (phoneNumbers.length > 0) {
    query = query.where("phone_number", "not in", phoneNumbers);
  }

  await query.execute();
}

/** Loads the stored lookups of the company's numbers. */
export async function loadLookups(
  db: Db,
  companyId: string,
): Promise<CachedLookup[]> {
  const rows = await db
    .selectFrom("webhook_health")
    .selectAll()
    .where("company_id", "=", companyId)
    .execute();

  return rows.map(fromRow);
}

function toRow(companyId: string, entry: CachedLookup): WebhookHealthTable {
  const { lookup } = entry;
  const found = lookup.result === "found" ? lookup : null;
  let smsCapable: number | null = null;
  if (found) smsCapable = found.smsCapable ? 1 : 0;

  return {
    company_id: companyId,
    phone_number: entry.phoneNumber,
    lookup: lookup.result,
    twilio_sid: found?.sid ?? null,
    sms_url: found?.smsUrl ?? null,
    sms_method: found?.smsMethod ?? null,
    sms_capable: smsCapable,
    error_code: lookup.result === "failed" ? lookup.code : null,
    error_message:
      lookup.result === "failed" || lookup.result === "unreachable"
        ? lookup.message
        : null,
    checked_at: entry.checkedAt,
  };
}

function fromRow(row: WebhookHealthTable): CachedLookup {
  return {
    phoneNumber: row.phone_number,
    lookup: lookupFromRow(row),
    checkedAt: row.checked_at,
  };
}

function lookupFromRow(row: WebhookHealthTable): NumberLookup {
  switch (row.lookup) {
    case "found":
      return {
        result: "found",
        sid: row.twilio_sid ?? "",
        smsUrl: row.sms_url ?? "",
        smsMethod: row.sms_method ?? "POST",
        smsCapable: row.sms_capable === 1,
      };
    case "not_found":
      return { result: "not_found" };
    case "failed":
      return {
        result: "failed",
        code: row.error_code,
        message: row.error_message ?? "",
      };
    case "unreachable":
      return { result: "unreachable", message: row.error_message ?? "" };
  }
}
