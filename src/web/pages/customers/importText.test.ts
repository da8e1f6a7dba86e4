import { describe, expect, test } from "vitest";
import type {
  CustomerImportResult,
  CustomerImportRow,
} from "../../../common/customer-api";
import {
  hiddenRowsText,
  importButtonLabel,
  previewSummary,
  resultSummary,
} from "./importText";

function row(line: number, note: string | null = null): CustomerImportRow {
  return {
    line,
    name: "Ada",
    phone: "4155550100",
    phoneE164: "+14155550100",
    rejection: null,
    message: null,
    note,
  };
}

function result(
  created: number,
  rejected: number,
  noted: number,
  phoneOnFile = 0,
): CustomerImportResult {
  return {
    columns: { name: "name", phone: "phone" },
    counts: {
      total: created + rejected,
      valid: created,
      rejected,
      phoneOnFile,
    },
    created,
    rejected: Array.from({ length: rejected }, (_, index) => row(index + 2)),
    noted: Array.from({ length: noted }, (_, index) => row(index + 2, "note")),
  };
}

describe("importButtonLabel", () => {
  test("uses singular for one customer", () => {
    expect(importButtonLabel(1)).toBe("Import 1 customer");
  });

  test("uses plural otherwise", () => {
    expect(importButtonLabel(2)).toBe("Import 2 customers");
    expect(importButtonLabel(1200)).toBe("Import 1,200 customers");
  });
});

describe("previewSummary", () => {
  test("one row", () => {
    const text = previewSummary("a.csv", {
      total: 1,
      valid: 1,
      rejected: 0,
      phoneOnFile: 0,
    });

    expect(text).toBe(
      "a.csv: 1 row. 1 will be added, 0 will be skipped. Nothing is saved until you import.",
    );
  });

  test("several rows", () => {
    const text = previewSummary("a.csv", {
      total: 3,
      valid: 2,
      rejected: 1,
      phoneOnFile: 0,
    });

    expect(text).toContain("a.csv: 3 rows.");
  });

  test("rows with a number on file", () => {
    const text = previewSummary("a.csv", {
      total: 3,
      valid: 1,
      rejected: 2,
      phoneOnFile: 1,
    });

    expect(text).toBe(
      "a.csv: 3 rows. 1 will be added, 2 will be skipped. 1 row will be skipped because another customer already has its number. Nothing is saved until you import.",
    );
  });
});

describe("resultSummary", () => {
  test("one customer, nothing skipped", () => {
    expect(resultSummary(result(1, 0, 0))).toBe("Added 1 customer.");
  });

  test("one skipped row", () => {
    const text = resultSummary(result(2, 1, 0));

    expect(text).toBe(
      "Added 2 customers. 1 row was skipped. Fix it in the file and import it again.",
    );
  });

  test("several skipped rows", () => {
    expect(resultSummary(result(0, 3, 0))).toContain(
      "3 rows were skipped. Fix them",
    );
  });

  test("rows skipped for a number on file", () => {
    const text = resultSummary(result(1, 3, 0, 2));

    expect(text).toBe(
      "Added 1 customer. 2 rows were skipped because other customers already have their numbers. To give a customer a number that another customer has, use Add customer and choose Save anyway. 1 other row was skipped. Fix it in the file and import it again.",
    );
  });

  test("only rows with a number on file", () => {
    const text = resultSummary(result(1, 1, 0, 1));

    expect(text).toBe(
      "Added 1 customer. 1 row was skipped because another customer already has its number. To give a customer a number that another customer has, use Add customer and choose Save anyway.",
    );
  });

  test("rows imported with a note", () => {
    expect(resultSummary(result(2, 0, 1))).toContain(
      "1 row was imported with a change",
    );
    expect(resultSummary(result(2, 0, 2))).toContain(
      "2 rows were imported with a change",
    );
  });
});

describe("hiddenRowsText", () => {
  test("singular and plural", () => {
    expect(hiddenRowsText(1)).toBe("1 more row is not shown.");
    expect(hiddenRowsText(5)).toBe("5 more rows are not shown.");
  });
});
