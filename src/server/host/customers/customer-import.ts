import type {
  CustomerImportCounts,
  CustomerImportRow,
} from "../../../common/customer-api.js";
import { sharedPhoneSentence } from "../../../common/shared-phone.js";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/ids.js";
import { findCompany } from "../company/company-store.js";
import { inTransaction } from "../transaction.js";
import { announceCustomerChanged } from "./customer-changes.js";
import { toRow, type ValidCustomer } from "./customer-store.js";
import { lockCompanyCustomers } from "./customer-duplicates.js";
import {
  MAX_NAME_LENGTH,
  nameKey,
  readCustomerName,
  readPhone,
  type NameReading,
} from "./customer-fields.js";
import { readCustomerCsv, type CsvCustomers } from "./csv-reader.js";

export interface CheckedImport {
  columns: CsvCustomers["columns"];
  counts: CustomerImportCounts;
  rows: CustomerImportRow[];
}

/** A checked file and the customers its valid rows add. */
interface CheckedRows {
  checked: CheckedImport;
  /**
   * Customers to insert. Their phone has no extension, but each row's phone
   * is the file's text.
   */
  customers: ValidCustomer[];
}

/** Bound parameters per IN list, far below SQLite's and PostgreSQL's limits. */
const IN_LIST_CHUNK = 500;
/** Rows per INSERT: 6 columns each, so 1,200 parameters. */
const INSERT_CHUNK = 200;

/**
 * Reads a CSV file and checks every row against the file and the company's
 * customers. Nothing is written.
 */
export async function previewCustomerImport(
  db: Db,
  companyId: string,
  csv: string,
): Promise<CheckedImport> {
  const file = readCustomerCsv(csv);
  const { checked } = await checkRows(db, companyId, file);

  return checked;
}

/**
 * Imports the valid rows of a CSV file in one transaction and returns the
 * rows left out. Every row is checked again inside the transaction, so a
 * customer added since a preview is not added twice. Customers may share a
 * number, so no unique constraint can back that check. On PostgreSQL the
 * import therefore takes the company's customer-write lock, and checks
 * against the rows committed before it. The import announces its new
 * customers' numbers as one customer change, so open inboxes show the new
 * names at once.
 */
export async function commitCustomerImport(
  db: Db,
  companyId: string,
  csv: string,
): Promise<CheckedImport> {
  const file = readCustomerCsv(csv);

  return inTransaction(db, async (trx) => {
    await lockCompanyCustomers(trx, companyId);
    const { checked, customers } = await checkRows(trx, companyId, file);
    const createdAt = nowIso();
    const rows = customers.map((customer) =>
      toRow(companyId, customer, createdAt),
    );
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await trx
        .insertInto("customers")
        .values(rows.slice(start, start + INSERT_CHUNK))
        .execute();
    }
    if (customers.length > 0) {
      await announceCustomerChanged(trx, {
        companyId,
        customerId: null,
        numbers: customers.map((customer) => customer.phoneE164),
      });
    }

    return checked;
  });
}

async function checkRows(
  db: Db,
  companyId: string,
  file: CsvCustomers,
): Promise<CheckedRows> {
  const company = await findCompany(db, companyId);
  const read = file.rows.map((row) => {
    const name = readCustomerName(row.name);
    const phone = readPhone(row.phone, company.country);

    return { line: row.line, name, rawPhone: row.phone.trim(), phone };
  });
  const numbers = read.flatMap((row) => (row.phone.ok ? [row.phone.e164] : []));
  const onFile = await loadNamesByPhone(db, companyId, numbers);
  const seen = new Map<string, number>();
  const customers: ValidCustomer[] = [];

  const rows = read.map(
    ({ line, name: nameReading, rawPhone, phone }): CustomerImportRow => {
      const shown = {
        line,
        name: nameReading.name,
        phone: rawPhone,
        phoneE164: phone.ok ? phone.e164 : null,
      };
      if (!nameReading.ok) {
        return reject(
          shown,
          nameRejection(nameReading),
          nameReading.problem === "missing"
            ? "The name is missing. Fill in the name column."
            : nameReading.message,
        );
      }
      const name = nameReading.name;
      if (name.length > MAX_NAME_LENGTH) {
        return reject(
          shown,
          "name_too_long",
          `The name is longer than ${MAX_NAME_LENGTH} characters. Shorten it.`,
        );
      }
      if (!phone.ok) {
        return reject(
          shown,
          phone.problem === "missing" ? "missing_phone" : "invalid_phone",
          phone.message,
        );
      }

      const key = `${nameKey(name)}\n${phone.e164}`;
      const namesOnFile = onFile.get(phone.e164) ?? [];
      if (namesOnFile.some((other) => nameKey(other) === nameKey(name))) {
        return reject(
          shown,
          "already_on_file",
          `${name} with ${phone.e164} is already a customer, so this row is skipped.`,
        );
      }
      if (namesOnFile.length > 0) {
        return reject(
          shown,
          "phone_on_file",
          `${sharedPhoneSentence(namesOnFile, phone.e164)} This row is skipped. To give ${name} the same number as well, use Add customer and choose Save anyway.`,
        );
      }
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        return reject(
          shown,
          "duplicate_in_file",
          `Line ${firstLine} has the same name and number, so this row is skipped.`,
        );
      }
      seen.set(key, line);
      customers.push({ name, phone: phone.phone, phoneE164: phone.e164 });

      return {
        ...shown,
        rejection: null,
        message: null,
        note: extensionNote(phone.extension, phone.phone),
      };
    },
  );

  const valid = rows.filter((row) => row.rejection === null).length;
  const phoneOnFile = rows.filter(
    (row) => row.rejection === "phone_on_file",
  ).length;

  return {
    checked: {
      columns: file.columns,
      counts: {
        total: rows.length,
        valid,
        rejected: rows.length - valid,
        phoneOnFile,
      },
      rows,
    },
    customers,
  };
}

/**
 * Returns the names of the company's customers with these numbers, by E.164
 * number, oldest customer first.
 */
async function loadNamesByPhone(
  db: Db,
  companyId: string,
  numbers: readonly string[],
): Promise<Map<string, string[]>> {
  const unique = [...new Set(numbers)];
  const names = new Map<string, string[]>();
  for (let start = 0; start < unique.length; start += IN_LIST_CHUNK) {
    const found = await db
      .selectFrom("customers")
      .select(["name", "phone_e164"])
      .where("company_id", "=", companyId)
      .where("phone_e164", "in", unique.slice(start, start + IN_LIST_CHUNK))
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const row of found) {
      if (row.phone_e164 === null) continue;
      const list = names.get(row.phone_e164) ?? [];
      list.push(row.name);
      names.set(row.phone_e164, list);
    }
  }

  return names;
}

function nameRejection(
  reading: Extract<NameReading, { ok: false }>,
): NonNullable<CustomerImportRow["rejection"]> {
  return reading.problem === "control_character"
    ? "invalid_name"
    : "missing_name";
}

function extensionNote(extension: string | null, phone: string): string | null {
  if (extension === null) return null;

  return `The extension ${extension} was dropped, because texts cannot reach an extension. The number is imported as ${phone}.`;
}

function reject(
  row: Omit<CustomerImportRow, "rejection" | "message" | "note">,
  rejection: NonNullable<CustomerImportRow["rejection"]>,
  message: string,
): CustomerImportRow {
  return { ...row, rejection, message, note: null };
}
