import { sql } from "kysely";
import { toE164 } from "../../../common/phone.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import type { CustomerRow } from "./customer-store.js";

/** A position in the customer list, sorted by lower-cased name, then id. */
export interface CustomerPosition {
  name: string;
  id: string;
}

export interface CustomerSearch {
  companyId: string;
  /** The company's country, for reading national numbers in `text`. */
  country: string;
  /** Part of a name, or a phone number in any format; empty lists all. */
  text: string;
  after: CustomerPosition | null;
  limit: number;
}

/** Digits needed before a search matches part of a number. */
const MIN_NUMBER_DIGITS = 3;

/**
 * Lists customers whose name contains `text`, ignoring case, or whose
 * number matches it. A full number in any format, such as "(415) 555-0123",
 * matches its E.164 form, and 3 or more digits match part of a number.
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

      const digits = numberDigits(text);
      if (digits !== null) {
        conditions.push(eb("phone_e164", "like", `%${digits}%`));
      }

      return eb.or(conditions);
    });
  }

  const { after } = search;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, ">", sql`lower(${after.name})`),
        eb.and([
          eb(sql`lower(name)`, "=", sql`lower(${after.name})`),
          eb("id", ">", after.id),
        ]),
      ]),
    );
  }

  return query.execute();
}

/**
 * Returns the digits of a typed number without the national trunk prefix 0,
 * so "07700 900" finds +447700900123, or null when the text is not a number.
 */
function numberDigits(text: string): string | null {
  if (!/^[\d\s()+.\-/]+$/.test(text)) return null;

  const digits = text.replace(/\D/g, "").replace(/^0+/, "");

  return digits.length >= MIN_NUMBER_DIGITS ? digits : null;
}

/** Escapes LIKE wildcards, with backslash as the ESCAPE character. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Encodes a position as an opaque base64url token for a URL. */
export function encodeCustomerCursor(row: CustomerPosition): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url");
}

/** Decodes a token from encodeCustomerCursor, or throws 400. */
export function decodeCustomerCursor(token: string): CustomerPosition {
  const position = tryDecode(token);
  if (!position) {
    throw errors.validation(
      "cursor: the paging cursor is invalid. Reload the list to start again.",
      "cursor",
    );
  }

  return position;
}

function tryDecode(token: string): CustomerPosition | null {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(token, "base64url").toString("utf8"),
    );
    if (!Array.isArray(value) || value.length !== 2) return null;

    const [name, id] = value as unknown[];
    if (typeof name !== "string" || typeof id !== "string") return null;

    return { name, id };
  } catch {
    return null;
  }
}
