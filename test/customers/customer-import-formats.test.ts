import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type {
  CustomerImportPreview,
  CustomerImportResult,
} from "../../src/common/customer-api.js";
import { detectDelimiter } from "../../src/server/host/customers/csv-reader.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltStaff,
} from "../support/factories.js";
import { errorOf, postCsv } from "./customer-fixture.js";

const PREVIEW = "/api/customers/import/preview";
const COMMIT = "/api/customers/import";

let t: TestApp;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  const company = await buildCompany(t.ctx, { country: "US" });
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

describe("detectDelimiter", () => {
  test.each([
    ["name,phone\n", ","],
    ["name;phone\n", ";"],
    ["name\tphone\n", "\t"],
    ["name\tphone,number\tx\n", "\t"],
    ['"a,b,c"\tphone\n', "\t"],
    ["name\n", ","],
    ["name;phone\na,b,c,d\n", ";"],
  ])("reads %j as %j", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("tab-separated import", () => {
  test("reads a tab-separated file", async () => {
    const tsv =
      "Name\tPhone\r\n" +
      "Lovelace, Ada\t(415) 555-0100\r\n" +
      "Grace Hopper; Jr\t415.555.0101\r\n";

    const response = await postCsv(t, owner, PREVIEW, tsv);

    expect(response.statusCode).toBe(200);
    const preview = response.json<CustomerImportPreview>();
    expect(preview.columns).toEqual({ name: "Name", phone: "Phone" });
    expect(preview.rows.map((row) => [row.name, row.phoneE164])).toEqual([
      ["Lovelace, Ada", "+14155550100"],
      ["Grace Hopper; Jr", "+14155550101"],
    ]);
  });

  test("accepts the tab-separated content type", async () => {
    const tsv = "name\tphone\nAda\t4155550100\n";

    const response = await postCsv(
      t,
      owner,
      PREVIEW,
      tsv,
      "text/tab-separated-values",
    );

    expect(response.statusCode).toBe(200);
  });
});

describe("missing columns message", () => {
  test("names separators and accepted headers", async () => {
    const response = await postCsv(
      t,
      owner,
      PREVIEW,
      "Client\tMobile\nAda\t4155550100\n",
    );

    expect(response.statusCode).toBe(400);
    const message = errorOf(response).message ?? "";
    expect(errorOf(response).code).toBe("csv_invalid");
    expect(message).toContain("The file has no name column.");
    expect(message).toContain("trying comma (,), semicolon (;) and tab");
    expect(message).toContain("read this file as tab-separated");
    expect(message).toContain('"Client", "Mobile"');
    expect(message).toContain("full name");
    expect(message).toContain("first name with last name");
    expect(message).not.toContain("or phone column");
  });

  test("names both columns when both are missing", async () => {
    const response = await postCsv(t, owner, PREVIEW, "email,city\nx,y\n");

    const message = errorOf(response).message ?? "";
    expect(message).toContain("The file has no name or phone column.");
    expect(message).toContain("read this file as comma (,)-separated");
    expect(message).toContain("phone number, mobile");
  });
});

describe("phone extensions", () => {
  const csv = [
    "name,phone",
    "Front Desk,(415) 555-0100 ext. 5",
    "Back Office,+1 415 555 0101 x12",
    "Plain,415 555 0102",
  ].join("\n");

  test("preview notes the dropped extension", async () => {
    const preview = (
      await postCsv(t, owner, PREVIEW, csv)
    ).json<CustomerImportPreview>();

    const [desk, office, plain] = preview.rows;
    expect(desk?.rejection).toBeNull();
    expect(desk?.phoneE164).toBe("+14155550100");
    expect(desk?.phone).toBe("(415) 555-0100 ext. 5");
    expect(desk?.note).toBe(
      "The extension 5 was dropped, because texts cannot reach an extension. The number is imported as (415) 555-0100.",
    );
    expect(office?.phoneE164).toBe("+14155550101");
    expect(office?.note).toContain("extension 12");
    expect(plain?.note).toBeNull();
    expect(preview.counts).toEqual({
      total: 3,
      valid: 3,
      rejected: 0,
      phoneOnFile: 0,
    });
  });

  test("import adds the number and reports the row", async () => {
    const response = await postCsv(t, owner, COMMIT, csv);

    expect(response.statusCode).toBe(200);
    const result = response.json<CustomerImportResult>();
    expect(result.created).toBe(3);
    expect(result.rejected).toEqual([]);
    expect(result.noted.map((row) => [row.line, row.name])).toEqual([
      [2, "Front Desk"],
      [3, "Back Office"],
    ]);
    const stored = await t.ctx.db
      .selectFrom("customers")
      .select(["name", "phone", "phone_e164"])
      .orderBy("name")
      .execute();
    expect(stored).toEqual([
      {
        name: "Back Office",
        phone: "+1 415 555 0101",
        phone_e164: "+14155550101",
      },
      {
        name: "Front Desk",
        phone: "(415) 555-0100",
        phone_e164: "+14155550100",
      },
      { name: "Plain", phone: "415 555 0102", phone_e164: "+14155550102" },
    ]);
  });

  test("rejected rows carry no note", async () => {
    const preview = (
      await postCsv(t, owner, PREVIEW, "name,phone\n,415 555 0100 ext. 5\n")
    ).json<CustomerImportPreview>();

    expect(preview.rows[0]?.rejection).toBe("missing_name");
    expect(preview.rows[0]?.note).toBeNull();
  });
});
