import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Customer } from "../../src/common/api.js";
import type {
  CustomerImportPreview,
  CustomerImportResult,
  CustomerImportRow,
} from "../../src/common/customer-api.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { callAs, errorOf, postCsv } from "./customer-fixture.js";

const PHONE = "+14155550123";
const PERSIAN_NAME = "مهسا رضایی\u200Cنژاد";
const FAMILY_EMOJI = "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}";
const RAINBOW_FLAG = "\u{1F3F3}\uFE0F\u200D\u{1F308}";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx, { country: "US" });
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

function addCustomer(name: string, phone = PHONE) {
  return callAs(t, owner, "POST", "/api/customers", { name, phone });
}

async function storedNames(): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom("customers")
    .select("name")
    .where("company_id", "=", company.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

  return rows.map((row) => row.name);
}

function rowAt(rows: CustomerImportRow[], line: number): CustomerImportRow {
  const row = rows.find((candidate) => candidate.line === line);
  if (!row) throw new Error(`no row for line ${line}`);

  return row;
}

describe("customer name checks", () => {
  test.each([
    ["zero-width space", "\u200B"],
    ["several zero-width characters", "\u200B\u200C\u200D\u2060\uFEFF"],
    ["zero-width characters among spaces", " \u200B \u200B "],
    ["Hangul filler", "\u3164"],
  ])("%s only gets 400", async (_, name) => {
    const response = await addCustomer(name);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("validation_failed");
    expect(errorOf(response).field).toBe("name");
    expect(errorOf(response).message).toBe(
      "name: The name contains only invisible characters, such as zero-width spaces. Enter a name with letters.",
    );
    expect(await storedNames()).toEqual([]);
  });

  test.each([
    ["BEL", "Sam\u0007 Lee", "U+0007"],
    ["ESC colour code", "\u001B[31mSam Lee", "U+001B"],
    ["DEL", "Sam Lee\u007F", "U+007F"],
    ["C1 control", "Sam\u0085Lee", "U+0085"],
    ["BEL only", "\u0007", "U+0007"],
  ])("%s gets 400", async (_, name, codePoint) => {
    const response = await addCustomer(name);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("validation_failed");
    expect(errorOf(response).field).toBe("name");
    expect(errorOf(response).message).toBe(
      `name: The name contains the control character ${codePoint}, which cannot be shown. Remove it from the name.`,
    );
    expect(await storedNames()).toEqual([]);
  });

  test("empty name keeps its message", async () => {
    const response = await addCustomer("   ");

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toBe("name: enter the customer's name.");
  });

  test("update to an invisible name gets 400", async () => {
    const created = await addCustomer("Sam Lee");
    const { id } = created.json<Customer>();

    const response = await callAs(t, owner, "PUT", `/api/customers/${id}`, {
      name: "\u200B\u200B",
      phone: PHONE,
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).field).toBe("name");
    expect(await storedNames()).toEqual(["Sam Lee"]);
  });

  test("update to a name with ESC gets 400", async () => {
    const created = await addCustomer("Sam Lee");
    const { id } = created.json<Customer>();

    const response = await callAs(t, owner, "PUT", `/api/customers/${id}`, {
      name: "Sam\u001BLee",
      phone: PHONE,
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toContain("U+001B");
    expect(await storedNames()).toEqual(["Sam Lee"]);
  });

  test.each([
    ["Persian with U+200C", PERSIAN_NAME, PERSIAN_NAME],
    ["ZWJ emoji sequence", `Lee ${FAMILY_EMOJI}`, `Lee ${FAMILY_EMOJI}`],
    ["flag sequence", `${RAINBOW_FLAG} Sam`, `${RAINBOW_FLAG} Sam`],
    ["skin tone", "Sam \u{1F44B}\u{1F3FD}", "Sam \u{1F44B}\u{1F3FD}"],
    ["emoji only", "\u{1F355}", "\u{1F355}"],
    ["case and full-width form", "ＳＡＭ mcLee", "ＳＡＭ mcLee"],
    ["zero-width space inside", "Sam\u200B Lee", "Sam Lee"],
    ["byte order mark and spaces", "\uFEFF  Sam\tLee \u200B", "Sam Lee"],
    ["joiner between Latin letters", "Sa\u200Dm", "Sam"],
  ])("%s stores the expected name", async (_, name, stored) => {
    const response = await addCustomer(name);

    expect(response.statusCode).toBe(201);
    expect(response.json<Customer>().name).toBe(stored);
    expect(await storedNames()).toEqual([stored]);
  });

  test("zero-width space variant is a duplicate", async () => {
    expect((await addCustomer("Sam Lee")).statusCode).toBe(201);

    const again = await addCustomer("Sam\u200B Lee");

    expect(again.statusCode).toBe(409);
    expect(await storedNames()).toEqual(["Sam Lee"]);
  });
});

describe("customer import names", () => {
  /** Lines 2 to 9 of a file with invisible, control and kept names. */
  const CSV = [
    "name,phone",
    "\u200B\u200B,415 555 0101",
    "Sam\u0007Lee,415 555 0102",
    '"\u001B[2JAlex",415 555 0103',
    `${PERSIAN_NAME},415 555 0104`,
    `Lee ${FAMILY_EMOJI},415 555 0105`,
    "Ada\u200B Lovelace,415 555 0106",
    '" \u2060 ",415 555 0107',
    ",415 555 0108",
  ].join("\n");

  test("preview rejects invisible and control names", async () => {
    const response = await postCsv(
      t,
      owner,
      "/api/customers/import/preview",
      CSV,
    );

    expect(response.statusCode).toBe(200);
    const preview = response.json<CustomerImportPreview>();
    expect(preview.counts).toEqual({
      total: 8,
      valid: 3,
      rejected: 5,
      phoneOnFile: 0,
    });
    expect(rowAt(preview.rows, 2)).toMatchObject({
      name: "",
      rejection: "missing_name",
      message:
        "The name contains only invisible characters, such as zero-width spaces. Enter a name with letters.",
    });
    expect(rowAt(preview.rows, 3)).toMatchObject({
      rejection: "invalid_name",
      message:
        "The name contains the control character U+0007, which cannot be shown. Remove it from the name.",
    });
    expect(rowAt(preview.rows, 4).rejection).toBe("invalid_name");
    expect(rowAt(preview.rows, 4).message).toContain("U+001B");
    expect(rowAt(preview.rows, 5)).toMatchObject({
      name: PERSIAN_NAME,
      rejection: null,
    });
    expect(rowAt(preview.rows, 6)).toMatchObject({
      name: `Lee ${FAMILY_EMOJI}`,
      rejection: null,
    });
    expect(rowAt(preview.rows, 7)).toMatchObject({
      name: "Ada Lovelace",
      rejection: null,
    });
    expect(rowAt(preview.rows, 8).rejection).toBe("missing_name");
    expect(rowAt(preview.rows, 8).message).toContain("invisible");
    expect(rowAt(preview.rows, 9)).toMatchObject({
      rejection: "missing_name",
      message: "The name is missing. Fill in the name column.",
    });
    expect(await storedNames()).toEqual([]);
  });

  test("commit imports only the visible names", async () => {
    const response = await postCsv(t, owner, "/api/customers/import", CSV);

    expect(response.statusCode).toBe(200);
    const result = response.json<CustomerImportResult>();
    expect(result.counts).toEqual({
      total: 8,
      valid: 3,
      rejected: 5,
      phoneOnFile: 0,
    });
    expect((await storedNames()).sort()).toEqual(
      [PERSIAN_NAME, `Lee ${FAMILY_EMOJI}`, "Ada Lovelace"].sort(),
    );
  });

  test("zero-width space variant is already on file", async () => {
    expect((await addCustomer("Ada Lovelace", "+14155550106")).statusCode).toBe(
      201,
    );

    const response = await postCsv(
      t,
      owner,
      "/api/customers/import/preview",
      "name,phone\nAda\u200B Lovelace,415 555 0106",
    );

    expect(response.statusCode).toBe(200);
    const preview = response.json<CustomerImportPreview>();
    expect(rowAt(preview.rows, 2).rejection).toBe("already_on_file");
  });
});
