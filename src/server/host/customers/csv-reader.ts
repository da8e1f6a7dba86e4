import { CsvError, parse } from "csv-parse/sync";
import { errors } from "../../errors.js";

/** Largest data row count of one import. */
export const MAX_IMPORT_ROWS = 10_000;

/** One data row of the file, with the cells the import reads. */
export interface CsvCustomerRow {
  /** Line of the file where the row ends; the header is line 1. */
  line: number;
  name: string;
  phone: string;
}

export interface CsvCustomers {
  /** The header cells read as the name and phone columns. */
  columns: { name: string; phone: string };
  rows: CsvCustomerRow[];
}

/** Header cells, folded by foldHeader, that each column accepts. */
const NAME_HEADERS = [
  "name",
  "fullname",
  "customername",
  "customer",
  "contactname",
  "contact",
];
const FIRST_NAME_HEADERS = ["firstname", "givenname", "first", "forename"];
const LAST_NAME_HEADERS = ["lastname", "surname", "familyname", "last"];
const PHONE_HEADERS = [
  "phone",
  "phonenumber",
  "mobile",
  "mobilenumber",
  "mobilephone",
  "number",
  "cell",
  "cellphone",
  "cellnumber",
  "telephone",
  "tel",
];

type NameColumns =
  | { kind: "full"; index: number }
  | { kind: "parts"; first: number; last: number };

/**
 * Reads customers from CSV text with a header row. The delimiter is a
 * comma or a semicolon, whichever the header row uses. Quoted fields, a
 * UTF-8 byte order mark and CRLF line ends are accepted. Throws 400 when
 * the file is not CSV or lacks a name or phone column, and 413 when it has
 * more than MAX_IMPORT_ROWS data rows.
 */
export function readCustomerCsv(text: string): CsvCustomers {
  const records = parseRecords(text);
  const [header, ...data] = records;
  if (!header) {
    throw errors.csvInvalid(
      "The CSV file is empty. Its first row must name the columns, such as: name,phone",
    );
  }
  if (data.length > MAX_IMPORT_ROWS) {
    throw errors.csvTooManyRows(MAX_IMPORT_ROWS, data.length);
  }

  const cells = header.record;
  const nameColumns = findNameColumns(cells);
  const phoneIndex = findColumn(cells, PHONE_HEADERS);
  if (!nameColumns || phoneIndex === -1) {
    throw errors.csvInvalid(
      `The CSV file needs a name column (name, full name, or first name and last name) and a phone column (phone, phone number, mobile or number). Its first row has: ${describeCells(cells)}.`,
    );
  }

  return {
    columns: {
      name: nameColumnLabel(cells, nameColumns),
      phone: cells[phoneIndex] ?? "",
    },
    rows: data.map(({ record, line }) => ({
      line,
      name: readName(record, nameColumns),
      phone: record[phoneIndex] ?? "",
    })),
  };
}

function parseRecords(text: string): { record: string[]; line: number }[] {
  try {
    // With `info`, csv-parse returns { record, info } objects, which its
    // sync typings (csv-parse 7) do not express.
    const parsed = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];

    return parsed.map((entry) => ({
      record: entry.record,
      line: entry.info.lines,
    }));
  } catch (error) {
    if (error instanceof CsvError) {
      throw errors.csvInvalid(
        `The file is not valid CSV: ${error.message}. Check that every opening quote has a closing quote, and save the file as CSV.`,
      );
    }

    throw error;
  }
}

/**
 * Returns ";" when the first line has more semicolons than commas outside
 * quotes, as spreadsheets write CSV in locales that use a decimal comma.
 */
function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }

  return semicolons > commas ? ";" : ",";
}

/** Folds a header cell: "Phone Number", "phone_number" and "PHONE-NUMBER" are equal. */
function foldHeader(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function findColumn(
  cells: readonly string[],
  accepted: readonly string[],
): number {
  const folded = cells.map(foldHeader);
  for (const name of accepted) {
    const index = folded.indexOf(name);
    if (index !== -1) return index;
  }

  return -1;
}

function findNameColumns(cells: readonly string[]): NameColumns | null {
  const full = findColumn(cells, NAME_HEADERS);
  if (full !== -1) return { kind: "full", index: full };

  const first = findColumn(cells, FIRST_NAME_HEADERS);
  const last = findColumn(cells, LAST_NAME_HEADERS);
  if (first !== -1 && last !== -1) return { kind: "parts", first, last };
  if (first !== -1) return { kind: "full", index: first };

  return null;
}

function readName(record: readonly string[], columns: NameColumns): string {
  if (columns.kind === "full") return record[columns.index] ?? "";

  return [record[columns.first] ?? "", record[columns.last] ?? ""]
    .filter((part) => part !== "")
    .join(" ");
}

function nameColumnLabel(
  cells: readonly string[],
  columns: NameColumns,
): string {
  if (columns.kind === "full") return cells[columns.index] ?? "";

  return `${cells[columns.first] ?? ""} + ${cells[columns.last] ?? ""}`;
}

function describeCells(cells: readonly string[]): string {
  const shown = cells.slice(0, 10).map((cell) => `"${cell}"`);

  return cells.length > 10 ? `${shown.join(", ")}, ...` : shown.join(", ");
}
