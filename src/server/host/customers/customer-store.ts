import type { Selectable } from "kysely";
import { toE164 } from "../../../common/phone.js";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { newId, nowIso } from "../../db/ids.js";
import type { CustomersTable } from "../../db/schema.js";
import { findCompany } from "../company/company-store.js";

export type CustomerRow = Selectable<CustomersTable>;

/**
 * Creates a customer. The phone is kept as entered and also stored in E.164,
 * read with the company's country, so that incoming texts match it.
 * phone_e164 is null when the text is not a phone number.
 */
export async function createCustomer(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  customer: { name: string; phone: string },
): Promise<CustomerRow> {
  const company = await findCompany(ctx.db, companyId);
  const phone = customer.phone.trim();
  const row = {
    id: newId(),
    company_id: companyId,
    name: customer.name.trim(),
    phone,
    phone_e164: toE164(phone, company.country),
    created_at: nowIso(),
  };
  await ctx.db.insertInto("customers").values(row).execute();

  return row;
}

/**
 * Lists a company's customers by name.
 * NOTE: returns every customer at once; large customer lists need paging.
 */
export async function listCustomers(
  db: Db,
  companyId: string,
): Promise<CustomerRow[]> {
  return db
    .selectFrom("customers")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}
