import type { Customer } from "../../../common/api.js";
import type { CustomerRow } from "./customer-store.js";

export function presentCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    phoneE164: row.phone_e164,
  };
}
