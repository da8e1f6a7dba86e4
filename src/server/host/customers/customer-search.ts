import { sql } from "kysely";
import { toE164 } from "../../../common/phone.js";
import { phoneSearchDigits } from "../../../common/phone-search.js";
import type { Db } from "../../db/database.js";
import type { KeysetPosition } from "../../http/keyset-cursor.js";
import type { CustomerRow } from "./customer-store.js";

export interface CustomerSearch {
  companyId: string;
  /** The company's country, for reading national numbers in `text`. */
  country: string;
  /** Part of a name, or a phone number in any format; empty lists all. */
  text: string;
  /**
   * Position of the previous page's last row, whose `at` is the customer's
   * name. The list is sorted by lower-cased name, then id.
   */
  after: KeysetPosition | null;
  limit: number;
}

/** Digits needed before a search matches part of a number. */
const MIN_NUMBER_DIGITS = 3;

/**
 * Lists customers whose name contains `text`, ignoring case, or whose
 * number matches it. A full number in any format, such as "(415) 555-0123",
 * matches its E.164 form. 3 or more digits match part of a number once the
 * dialling prefixes are dropped, so "020 7946" in GB finds +442079460958.
 *
 * NOTE: the name match is a LIKE scan of the company's customers. It needs
 * no index up to tens of thousands of customers per company.
 */
export async function searchCustomers(
  db: Db,
  search: CustomerSearch,
): Promise<CustomerRow[]> {
  const text = search.text.trim();
  let query = db
    .selectFrom("customers")
    .selectAll()
    .where("company_id", "=", search.companyId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .limit(search.limit);

  if (text !== "") {
    query = query.where((eb) => {
      const namePattern = `%${escapeLike(text.toLowerCase())}%`;
      const conditions = [
        eb(sql`lower(name)`, "like", sql`${namePattern} escape '\\'`),
        eb(sql`lower(phone)`, "like", sql`${namePattern} escape '\\'`),
      ];
      const e164 = toE164(text, search.country);
      if (e164 !== null) conditions.push(eb("phone_e164", "=", e164));

      const digits = phoneSearchDigits(text, search.country);
      if (digits !== null && digits.length >= MIN_NUMBER_DIGITS) {
        conditions.push(eb("phone_e164", "like", `%${digits}%`));
      }

      return eb.or(conditions);
    });
  }

  const { after } = search;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, ">", sql`lower(${after.at})`),
        eb.and([
          eb(sql`lower(name)`, "=", sql`lower(${after.at})`),
          eb("id", ">", after.id),
        ]),
      ]),
    );
  }

  return query.execute();
}

/** Escapes LIKE wildcards, with backslash as the ESCAPE character. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
