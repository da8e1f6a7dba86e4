import type { Company } from "../../../common/api.js";
import type { CompanyRow } from "./company-store.js";

export function presentCompany(row: CompanyRow): Company {
  return { id: row.id, name: row.name, country: row.country };
}
