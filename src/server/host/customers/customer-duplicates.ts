import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { isPostgres } from "../../db/dialect.js";
import { errors } from "../../errors.js";
import { sharedPhoneSentence } from "../../../common/shared-phone.js";
import type { CustomerRow } from "./customer-store.js";
import { nameKey } from "./customer-fields.js";
import { presentCustomer } from "./present-customer.js";

/** Class of the advisory lock that orders one company's customer writes. */
const CUSTOMER_LOCK_CLASS = 0x1c57;

/**
 * Takes the company's customer-write lock on PostgreSQL until the
 * transaction ends, so a duplicate check and the write after it see every
 * customer committed before. Customers may share a number, so no unique
 * constraint can back the check. SQLite runs one write transaction at a
 * time already. Each statement after the lock reads the rows committed
 * before it was granted, because transactions run at READ COMMITTED.
 */
export async function lockCompanyCustomers(
  db: Db,
  companyId: string,
): Promise<void> {
  if (!isPostgres(db)) return;

  const lockClass = sql.lit(CUSTOMER_LOCK_CLASS);
  await sql`SELECT pg_advisory_xact_lock(${lockClass}, hashtext(${companyId}))`.execute(
    db,
  );
}

/**
 * Returns the company's customers with the number `phoneE164`, other than
 * `exceptId`, oldest first. Another company's customers never count.
 */
export async function findCustomersWithPhone(
  db: Db,
  companyId: string,
  phoneE164: string,
  exceptId: string | null,
): Promise<CustomerRow[]> {
  let query = db
    .selectFrom("customers")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("phone_e164", "=", phoneE164)
    .orderBy("created_at")
    .orderBy("id");
  if (exceptId !== null) query = query.where("id", "!=", exceptId);

  return query.execute();
}

/**
 * Returns the customer of `onFile` with the same name as `name`, ignoring
 * case and spacing, or undefined.
 */
export function findSameName(
  onFile: readonly CustomerRow[],
  name: string,
): CustomerRow | undefined {
  const key = nameKey(name);

  return onFile.find((row) => nameKey(row.name) === key);
}

/** Throws 409 naming `existing` when it is set. */
export function rejectDuplicate(existing: CustomerRow | undefined): void {
  if (!existing) return;

  throw errors.conflict(
    `${existing.name} with ${existing.phone_e164} is already a customer. Edit that customer instead, or change the name or number.`,
  );
}

/**
 * Throws 409 "phone_on_file" naming and listing the customers of `onFile`
 * when there are any. The request may repeat with `confirmSharedPhone`.
 */
export function rejectSharedPhone(
  phoneE164: string,
  onFile: readonly CustomerRow[],
): void {
  if (onFile.length === 0) return;

  const names = onFile.map((customer) => customer.name);
  throw errors.phoneOnFile(
    `${sharedPhoneSentence(names, phoneE164)} To keep one customer for the number, edit ${onFile.length === 1 ? "that customer" : "one of them"} instead. To save this customer with the same number as well, send the request again with "confirmSharedPhone": true.`,
    onFile.map(presentCustomer),
  );
}
