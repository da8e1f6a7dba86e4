import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { CompaniesTable } from "../../db/schema.js";
import { errors } from "../../errors.js";

export type CompanyRow = Selectable<CompaniesTable>;

/** Loads a company by id, or throws 404. */
export async function findCompany(
  db: Db,
  companyId: string,
): Promise<CompanyRow> {
  const company = await db
    .selectFrom("companies")
    .selectAll()
    .where("id", "=", companyId)
    .executeTakeFirst();
  if (!company) throw errors.notFound("The company");

  return company;
}

/** Returns true once any company exists, which ends first-run setup. */
export async function hasAnyCompany(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("companies")
    .select("id")
    .limit(1)
    .executeTakeFirst();

  return row !== undefined;
}
