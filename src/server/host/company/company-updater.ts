import type { AppContext } from "../../context.js";
import { announceCompanyChanged } from "../company-changes.js";
import { findCompany, type CompanyRow } from "./company-store.js";
import type { CompanyUpdateReq } from "./schemas.js";

/**
 * Changes the company's name and country. A new country changes how
 * national-format numbers entered from then on are read; stored E.164
 * numbers keep their value.
 */
export async function updateCompany(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  update: CompanyUpdateReq,
): Promise<CompanyRow> {
  const changes = {
    ...(update.name === undefined ? {} : { name: update.name }),
    ...(update.country === undefined ? {} : { country: update.country }),
  };
  if (Object.keys(changes).length > 0) {
    await ctx.db
      .updateTable("companies")
      .set(changes)
      .where("id", "=", companyId)
      .execute();
  }
  // The webhook reads national-format numbers with the cached country.
  if (update.country !== undefined) announceCompanyChanged(companyId);

  return findCompany(ctx.db, companyId);
}
