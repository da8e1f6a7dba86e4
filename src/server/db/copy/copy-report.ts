import type { CopyReport } from "./copy-verification.js";

/** Formats the row counts and checksums as a plain-text table. */
export function formatCopyReport(report: CopyReport): string {
  const width = Math.max(...report.counts.map((count) => count.table.length));
  const header = `${"table".padEnd(width)}  ${"SQLite".padStart(8)}  ${"PostgreSQL".padStart(10)}`;
  const lines = report.counts.map((count) => {
    const mark = count.source === count.target ? "" : "  MISMATCH";

    return `${count.table.padEnd(width)}  ${String(count.source).padStart(8)}  ${String(count.target).padStart(10)}${mark}`;
  });
  const checksumMark =
    report.sourceChecksum === report.targetChecksum ? "" : "  MISMATCH";

  return [
    header,
    ...lines,
    "",
    "messages SHA-256:",
    `  SQLite      ${report.sourceChecksum}`,
    `  PostgreSQL  ${report.targetChecksum}${checksumMark}`,
    "",
  ].join("\n");
}
