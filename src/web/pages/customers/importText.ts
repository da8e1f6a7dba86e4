import type {
  CustomerImportCounts,
  CustomerImportResult,
} from "../../../common/customer-api";
import { formatCount } from "../../format/plural";

/** Label of the button that imports the previewed file. */
export function importButtonLabel(valid: number): string {
  return `Import ${formatCount(valid, "customer")}`;
}

/** Summary of a preview: rows read, rows to add and rows to skip. */
export function previewSummary(
  fileName: string,
  counts: CustomerImportCounts,
): string {
  const rows = formatCount(counts.total, "row");
  const added = `${counts.valid.toLocaleString("en-US")} will be added`;
  const skipped = `${counts.rejected.toLocaleString("en-US")} will be skipped`;
  const parts = [`${fileName}: ${rows}. ${added}, ${skipped}.`];
  if (counts.phoneOnFile > 0) {
    parts.push(phoneOnFileText(counts.phoneOnFile, "will be"));
  }
  parts.push("Nothing is saved until you import.");

  return parts.join(" ");
}

/** Summary of a finished import, with what to do about skipped rows. */
export function resultSummary(result: CustomerImportResult): string {
  const parts = [`Added ${formatCount(result.created, "customer")}.`];
  const shared = result.counts.phoneOnFile;
  if (shared > 0) {
    parts.push(
      phoneOnFileText(shared, "past"),
      "To give a customer a number that another customer has, use Add customer and choose Save anyway.",
    );
  }
  const skipped = result.rejected.length - shared;
  const row = shared > 0 ? "other row" : "row";
  if (skipped === 1) {
    parts.push(`1 ${row} was skipped. Fix it in the file and import it again.`);
  } else if (skipped > 1) {
    parts.push(
      `${formatCount(skipped, row)} were skipped. Fix them in the file and import it again.`,
    );
  }
  const noted = result.noted.length;
  if (noted > 0) {
    const verb = noted === 1 ? "was" : "were";
    parts.push(
      `${formatCount(noted, "row")} ${verb} imported with a change, listed below.`,
    );
  }

  return parts.join(" ");
}

/** Says that rows whose number a customer on file has are skipped. */
function phoneOnFileText(rows: number, tense: "will be" | "past"): string {
  let verb = "will be";
  if (tense === "past") verb = rows === 1 ? "was" : "were";

  return rows === 1
    ? `1 row ${verb} skipped because another customer already has its number.`
    : `${formatCount(rows, "row")} ${verb} skipped because other customers already have their numbers.`;
}

/** Count of rows left out of a long table. */
export function hiddenRowsText(hidden: number): string {
  const verb = hidden === 1 ? "is" : "are";

  return `${formatCount(hidden, "more row")} ${verb} not shown.`;
}
