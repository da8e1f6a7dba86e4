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
 * comma, a semicolon or a tab, whichever the header row uses most. Quoted
 * fields, a
 * UTF-8 byte order mark and CRLF line ends are accepted. Throws 400 when
 * the file is not CSV or lacks a name or phone column, and 413 when it has
 * more than MAX_IMPORT_ROWS data rows.
 */
export function readCustomerCsv(text: string): CsvCustomers {
  const delimiter = detectDelimiter(text);
  const records = parseRecords(text, delimiter);
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
    const missing = [
      ...(nameColumns ? [] : ["name"]),
      ...(phoneIndex === -1 ? ["phone"] : []),
    ];
    throw errors.csvInvalid(missingColumnsMessage(cells, delimiter, missing));
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

function parseRecords(
  text: string,
  delimiter: Delimiter,
): { record: string[]; line: number }[] {
  try {
    // With `info`, csv-parse returns { record, info } objects, which its
    // sync typings (csv-parse 7) do not express.
    const parsed = parse(text, {
      bom: true,
      delimiter,
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

/** Delimiters the reader detects, most preferred first on a tie. */
const DELIMITERS = [",", ";", "\t"] as const;
type Delimiter = (typeof DELIMITERS)[number];

/**
 * Returns the delimiter used most often in the first line outside quotes,
 * and a comma when there is none. Spreadsheets write ";" in locales with a
 * decimal comma, and "\t" when saving as tab-separated text.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }

  let best: Delimiter = ",";
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) {
      best = delimiter;
    }
  }

  return best;
}

const DELIMITER_NAMES: Record<Delimiter, string> = {
  ",": "comma (,)",
  ";": "semicolon (;)",
  "\t": "tab",
};

/** Readable forms of the accepted headers, for error messages. */
const NAME_HEADER_LIST =
  "name, full name, customer name, customer, contact name, contact, or first name with last name (first, given name or forename; last, surname or family name)";
const PHONE_HEADER_LIST =
  "phone, phone number, mobile, mobile number, mobile phone, number, cell, cell phone, cell number, telephone or tel";

/**
 * Describes the missing columns (`missing` contains "name", "phone" or
 * both), the separators the reader tries, the one it chose, the header
 * names each column accepts and the header cells the file has.
 */
function missingColumnsMessage(
  cells: readonly string[],
  delimiter: Delimiter,
  missing: readonly string[],
): string {
  const columns = `${missing.join(" or ")} column`;
  const names = DELIMITERS.map((option) => DELIMITER_NAMES[option]);
  const tried = `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;

  return [
    `The file has no ${columns}.`,
    `The import detects the separator from the first row, trying ${tried}, and read this file as ${DELIMITER_NAMES[delimiter]}-separated.`,
    `Its first row has: ${describeCells(cells)}.`,
    `The name column accepts the headers ${NAME_HEADER_LIST}.`,
    `The phone column accepts ${PHONE_HEADER_LIST}.`,
    "Case, spaces, dashes and underscores in headers do not matter.",
  ].join(" ");
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
