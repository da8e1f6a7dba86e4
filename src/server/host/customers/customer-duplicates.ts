import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { isPostgres } from "../../db/dialect.js";
import { errors } from "../../errors.js";
import type { CustomerRow } from "./customer-store.js";
import { nameKey } from "./customer-fields.js";

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
 * Returns the company's customer with the same number and the same name,
 * ignoring case and spacing, other than `exceptId`, or undefined.
 */
export async function findSameCustomer(
  db: Db,
  companyId: string,
  customer: { name: string; phoneE164: string },
  exceptId: string | null,
): Promise<CustomerRow | undefined> {
  let query = db
    .selectFrom("customers")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("phone_e164", "=", customer.phoneE164)
    .orderBy("created_at")
    .orderBy("id");
  if (exceptId !== null) query = query.where("id", "!=", exceptId);

  const key = nameKey(customer.name);
  const rows = await query.execute();

  return rows.find((row) => nameKey(row.name) === key);
}

/** Throws 409 naming `existing` when it is set. */
export function rejectDuplicate(existing: CustomerRow | undefined): void {
  if (!existing) return;

  throw errors.conflict(
    `${existing.name} with ${existing.phone_e164} is already a customer. Edit that customer instead, or change the name or number.`,
  );
}
