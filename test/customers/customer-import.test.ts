import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type {
  CustomerImportPreview,
  CustomerImportResult,
  CustomerImportRow,
} from "../../src/common/customer-api.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { errorOf, postCsv } from "./customer-fixture.js";

const PREVIEW = "/api/customers/import/preview";
const COMMIT = "/api/customers/import";

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

async function storedCustomers() {
  return t.ctx.db
    .selectFrom("customers")
    .select(["name", "phone", "phone_e164"])
    .where("company_id", "=", company.id)
    .orderBy("name")
    .execute();
}

function rowAt(rows: CustomerImportRow[], line: number): CustomerImportRow {
  const row = rows.find((candidate) => candidate.line === line);
  if (!row) throw new Error(`no row for line ${line}`);

  return row;
}

/** Lines 2 to 9: three valid rows and one of each rejection in a file. */
const MIXED_CSV = [
  "Name,Phone Number",
  '"Lovelace, Ada","(415) 555-0100"',
  "Grace Hopper,415.555.0101",
  ",415 555 0102",
  "No Number,",
  "Bad Number,12ab",
  "grace  HOPPER,+1 415 555 0101",
  "Sam Lee,415-555-0150",
  "Alex Lee,415-555-0150",
].join("\r\n");

describe("import preview", () => {
  test("reports each row and writes nothing", async () => {
    const response = await postCsv(t, owner, PREVIEW, MIXED_CSV);

    expect(response.statusCode).toBe(200);
    const preview = response.json<CustomerImportPreview>();
    expect(preview.columns).toEqual({ name: "Name", phone: "Phone Number" });
    expect(preview.counts).toEqual({
      total: 8,
      valid: 4,
      rejected: 4,
      phoneOnFile: 0,
    });
    expect(rowAt(preview.rows, 2)).toEqual({
      line: 2,
      name: "Lovelace, Ada",
      phone: "(415) 555-0100",
      phoneE164: "+14155550100",
      rejection: null,
      message: null,
      note: null,
    });
    expect(rowAt(preview.rows, 4).rejection).toBe("missing_name");
    expect(rowAt(preview.rows, 5).rejection).toBe("missing_phone");
    expect(rowAt(preview.rows, 6).rejection).toBe("invalid_phone");
    expect(rowAt(preview.rows, 6).message).toContain('"12ab"');
    expect(rowAt(preview.rows, 7).rejection).toBe("duplicate_in_file");
    expect(rowAt(preview.rows, 7).message).toContain("Line 3");
    expect(rowAt(preview.rows, 8).rejection).toBeNull();
    expect(rowAt(preview.rows, 9).rejection).toBeNull();
    expect(await storedCustomers()).toEqual([]);
  });

  test("marks rows already on file", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Grace Hopper",
      phone: "+14155550101",
    });
    await createCustomer(t.ctx, company.id, {
      name: "Someone Else",
      phone: "+14155550100",
    });

    const response = await postCsv(t, owner, PREVIEW, MIXED_CSV);
    const preview = response.json<CustomerImportPreview>();

    expect(rowAt(preview.rows, 3).rejection).toBe("already_on_file");
    expect(rowAt(preview.rows, 2).rejection).toBe("phone_on_file");
    expect(preview.counts.phoneOnFile).toBe(1);
    expect(preview.counts.rejected).toBe(6);
  });

  test("names the customer who has the number", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });
    const csv = "name,phone\nCarlos Gomez,415.555.0177\n";

    const preview = (
      await postCsv(t, owner, PREVIEW, csv)
    ).json<CustomerImportPreview>();
    const row = rowAt(preview.rows, 2);

    expect(row.rejection).toBe("phone_on_file");
    expect(row.phoneE164).toBe("+14155550177");
    expect(row.message).toBe(
      "Carla Gomez already has +1 415 555 0177. This row is skipped. To give Carlos Gomez the same number as well, use Add customer and choose Save anyway.",
    );
    expect(preview.counts).toEqual({
      total: 1,
      valid: 0,
      rejected: 1,
      phoneOnFile: 1,
    });
  });

  test("reads BOM, semicolons and quoted delimiters", async () => {
    const csv =
      "\uFEFFFull Name;Mobile\r\n" +
      '"Rivera; Maya";"+1 (415) 555-0142"\r\n' +
      '"Park, ""Jon""";415 555 0177\r\n' +
      "\r\n" +
      "Priya Shah;6285550123\r\n";

    const response = await postCsv(t, owner, PREVIEW, csv);

    expect(response.statusCode).toBe(200);
    const preview = response.json<CustomerImportPreview>();
    expect(preview.columns).toEqual({ name: "Full Name", phone: "Mobile" });
    expect(preview.rows.map((row) => [row.name, row.phoneE164])).toEqual([
      ["Rivera; Maya", "+14155550142"],
      ['Park, "Jon"', "+14155550177"],
      ["Priya Shah", "+16285550123"],
    ]);
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3, 5]);
  });

  test("joins first and last name columns", async () => {
    const csv =
      "First Name,Last Name,Number,Notes\nAda,Lovelace,4155550100,x\nGrace,,4155550101,y\n";

    const preview = (
      await postCsv(t, owner, PREVIEW, csv)
    ).json<CustomerImportPreview>();

    expect(preview.columns.name).toBe("First Name + Last Name");
    expect(preview.rows.map((row) => row.name)).toEqual([
      "Ada Lovelace",
      "Grace",
    ]);
  });

  test("rejects a file without the columns", async () => {
    const response = await postCsv(
      t,
      owner,
      PREVIEW,
      "email,city\na@example.com,Oslo\n",
    );

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("csv_invalid");
    expect(errorOf(response).message).toContain('"email", "city"');
  });

  test("rejects an unclosed quote", async () => {
    const response = await postCsv(
      t,
      owner,
      PREVIEW,
      'name,phone\n"Ada,4155550100\n',
    );

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("csv_invalid");
  });

  test("rejects an empty body and non-UTF-8 text", async () => {
    const empty = await postCsv(t, owner, PREVIEW, "");
    const latin1 = await postCsv(
      t,
      owner,
      PREVIEW,
      Buffer.from("name,phone\nJos\xe9,4155550100\n", "latin1"),
    );

    expect(empty.statusCode).toBe(400);
    expect(latin1.statusCode).toBe(400);
    expect(errorOf(latin1).message).toContain("CSV UTF-8");
  });

  test("rejects other content types with 415", async () => {
    const response = await postCsv(t, owner, PREVIEW, "{}", "application/json");

    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe("csv_content_type");
  });

  test("rejects a file over 2 MB with 413", async () => {
    const line = "Some Name,+14155550100\n";
    const csv =
      "name,phone\n" +
      line.repeat(Math.ceil((2 * 1024 * 1024) / line.length) + 1);

    const response = await postCsv(t, owner, PREVIEW, csv);

    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe("csv_too_large");
  });

  test("rejects more than 10,000 rows with 413", async () => {
    const rows = Array.from(
      { length: 10_001 },
      (_, index) =>
        `C${index},+1415555${String(index % 10_000).padStart(4, "0")}`,
    );

    const response = await postCsv(
      t,
      owner,
      PREVIEW,
      `name,phone\n${rows.join("\n")}`,
    );

    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe("csv_too_many_rows");
    expect(errorOf(response).message).toContain("10001");
  });

  test("needs Manage company", async () => {
    const viewer = await buildStaff(t.ctx, company, {
      roleId: company.viewerRoleId,
    });

    const preview = await postCsv(t, viewer, PREVIEW, MIXED_CSV);
    const commit = await postCsv(t, viewer, COMMIT, MIXED_CSV);

    expect(preview.statusCode).toBe(403);
    expect(commit.statusCode).toBe(403);
    expect(await storedCustomers()).toEqual([]);
  });
});

describe("import commit", () => {
  test("adds valid rows and reports the rest", async () => {
    const response = await postCsv(t, owner, COMMIT, MIXED_CSV);

    expect(response.statusCode).toBe(200);
    const result = response.json<CustomerImportResult>();
    expect(result.created).toBe(4);
    expect(result.counts).toEqual({
      total: 8,
      valid: 4,
      rejected: 4,
      phoneOnFile: 0,
    });
    expect(result.rejected.map((row) => [row.line, row.rejection])).toEqual([
      [4, "missing_name"],
      [5, "missing_phone"],
      [6, "invalid_phone"],
      [7, "duplicate_in_file"],
    ]);
    expect(await storedCustomers()).toEqual([
      { name: "Alex Lee", phone: "415-555-0150", phone_e164: "+14155550150" },
      {
        name: "Grace Hopper",
        phone: "415.555.0101",
        phone_e164: "+14155550101",
      },
      {
        name: "Lovelace, Ada",
        phone: "(415) 555-0100",
        phone_e164: "+14155550100",
      },
      { name: "Sam Lee", phone: "415-555-0150", phone_e164: "+14155550150" },
    ]);
  });

  test("checks rows again after a preview", async () => {
    const preview = (
      await postCsv(t, owner, PREVIEW, MIXED_CSV)
    ).json<CustomerImportPreview>();
    expect(rowAt(preview.rows, 3).rejection).toBeNull();
    // Added between the preview and the commit.
    await createCustomer(t.ctx, company.id, {
      name: "Grace Hopper",
      phone: "+14155550101",
    });

    const result = (
      await postCsv(t, owner, COMMIT, MIXED_CSV)
    ).json<CustomerImportResult>();

    expect(result.created).toBe(3);
    expect(rowAt(result.rejected, 3).rejection).toBe("already_on_file");
    const graces = (await storedCustomers()).filter(
      (row) => row.name === "Grace Hopper",
    );
    expect(graces).toHaveLength(1);
  });

  test("skips rows whose number is on file", async () => {
    await createCustomer(t.ctx, company.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });
    await createCustomer(t.ctx, company.id, {
      name: "Luis Gomez",
      phone: "4155550177",
      confirmSharedPhone: true,
    });
    const csv = [
      "name,phone",
      "Carlos Gomez,(415) 555-0177",
      "Dana Ortiz,415 555 0178",
    ].join("\n");

    const response = await postCsv(t, owner, COMMIT, csv);

    expect(response.statusCode).toBe(200);
    const result = response.json<CustomerImportResult>();
    expect(result.created).toBe(1);
    expect(result.counts).toEqual({
      total: 2,
      valid: 1,
      rejected: 1,
      phoneOnFile: 1,
    });
    expect(result.rejected).toHaveLength(1);
    expect(rowAt(result.rejected, 2).rejection).toBe("phone_on_file");
    expect(rowAt(result.rejected, 2).message).toContain(
      "Carla Gomez and Luis Gomez already have +1 415 555 0177.",
    );
    const names = (await storedCustomers()).map((row) => row.name);
    expect(names).toEqual(["Carla Gomez", "Dana Ortiz", "Luis Gomez"]);
  });

  test("another company's number is not on file", async () => {
    const other = await buildCompany(t.ctx, { country: "US" });
    await createCustomer(t.ctx, other.id, {
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
    });

    const response = await postCsv(
      t,
      owner,
      COMMIT,
      "name,phone\nCarlos Gomez,(415) 555-0177\n",
    );

    const result = response.json<CustomerImportResult>();
    expect(result.created).toBe(1);
    expect(result.counts.phoneOnFile).toBe(0);
    expect(JSON.stringify(result)).not.toContain("Carla");
  });

  test("importing the same file twice adds nothing", async () => {
    await postCsv(t, owner, COMMIT, MIXED_CSV);

    const again = (
      await postCsv(t, owner, COMMIT, MIXED_CSV)
    ).json<CustomerImportResult>();

    expect(again.created).toBe(0);
    const onFile = again.rejected.filter(
      (row) => row.rejection === "already_on_file",
    );
    // Line 7 repeats line 3 with other case and spacing, so it is on file too.
    expect(onFile.map((row) => row.line)).toEqual([2, 3, 7, 8, 9]);
    expect(await storedCustomers()).toHaveLength(4);
  });

  test("concurrent imports of one file add it once", async () => {
    const responses = await Promise.all([
      postCsv(t, owner, COMMIT, MIXED_CSV),
      postCsv(t, owner, COMMIT, MIXED_CSV),
      postCsv(t, owner, COMMIT, MIXED_CSV),
    ]);

    const created = responses.map(
      (response) => response.json<CustomerImportResult>().created,
    );
    expect(created.sort()).toEqual([0, 0, 4]);
    expect(await storedCustomers()).toHaveLength(4);
  });

  test("a file of only bad rows adds nothing", async () => {
    const result = (
      await postCsv(t, owner, COMMIT, "name,phone\n,4155550100\nAda,nope\n")
    ).json<CustomerImportResult>();

    expect(result.created).toBe(0);
    expect(result.counts.rejected).toBe(2);
    expect(await storedCustomers()).toEqual([]);
  });

  test("imports into the caller's company only", async () => {
    const other = await buildCompany(t.ctx);

    await postCsv(t, owner, COMMIT, MIXED_CSV);
    const theirs = await t.ctx.db
      .selectFrom("customers")
      .select("id")
      .where("company_id", "=", other.id)
      .execute();

    expect(theirs).toEqual([]);
  });

  test("imports 10,000 rows in one request", async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, index) =>
        `Customer ${index},+1415555${String(index).padStart(4, "0")}`,
    );

    const result = (
      await postCsv(t, owner, COMMIT, `name,phone\n${rows.join("\n")}`)
    ).json<CustomerImportResult>();

    expect(result.created).toBe(10_000);
    expect(await storedCustomers()).toHaveLength(10_000);
  });
});
