import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Location } from "../../src/common/api.js";
import { isUniqueViolation } from "../../src/server/db/dialect.js";
import { createLocation } from "../../src/server/host/locations/location-store.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { callAs, errorCodeOf, errorMessageOf } from "./admin-fixture.js";

let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  t = await buildTestApp();
  company = await buildCompany(t.ctx);
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
});

function addLocation(name: string) {
  return callAs(t, owner, "POST", "/api/locations", { name });
}

function renameLocation(locationId: string, name: string) {
  return callAs(t, owner, "PUT", `/api/locations/${locationId}`, { name });
}

async function companyLocationNames(companyId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom("locations")
    .select("name")
    .where("company_id", "=", companyId)
    .orderBy("name")
    .execute();

  return rows.map((row) => row.name);
}

describe("location name checks", () => {
  test("duplicate name gets 409", async () => {
    expect((await addLocation("Branch")).statusCode).toBe(201);

    const again = await addLocation("Branch");

    expect(again.statusCode).toBe(409);
    expect(errorCodeOf(again)).toBe("conflict");
    expect(errorMessageOf(again)).toBe(
      'A location named "Branch" already exists. Choose another name.',
    );
    expect(again.json<{ error: { field: string } }>().error.field).toBe("name");
  });

  test("duplicate ignores case and spaces", async () => {
    await addLocation("Branch");

    const response = await addLocation(" bRANCH ");

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toContain('"Branch" already exists');
    expect(await companyLocationNames(company.id)).toEqual([
      "Branch",
      "Location 1",
      "Location 2",
    ]);
  });

  test("non-ASCII names compare ignoring case", async () => {
    await addLocation("École");

    const response = await addLocation("école");

    expect(response.statusCode).toBe(409);
  });

  test("another company may use the name", async () => {
    const other = await buildCompany(t.ctx);
    await createLocation(t.ctx, other.id, "Branch");

    const response = await addLocation("Branch");

    expect(response.statusCode).toBe(201);
  });

  test.each([
    ["empty", "", "name: Enter the location's name."],
    ["spaces only", "   ", "name: Enter the location's name."],
    [
      "NUL and zero-width space",
      "\u0000\u200b",
      "name: The location's name contains only invisible characters, such as zero-width spaces. Enter a name with letters or digits.",
    ],
    [
      "format characters",
      "\u200d\ufeff\u2060\u3164",
      "name: The location's name contains only invisible characters, such as zero-width spaces. Enter a name with letters or digits.",
    ],
    [
      "a line break inside",
      "Main\nstreet",
      "name: The location's name contains a control character, such as a line break or tab. Enter the name on one line without them.",
    ],
    [
      "a tab inside",
      "Main\tstreet",
      "name: The location's name contains a control character, such as a line break or tab. Enter the name on one line without them.",
    ],
    [
      "101 characters",
      "x".repeat(101),
      "name: Use at most 100 characters for the location's name.",
    ],
  ])("%s gets 400", async (_case, name, message) => {
    const response = await addLocation(name);

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("validation_failed");
    expect(errorMessageOf(response)).toBe(message);
    expect(await companyLocationNames(company.id)).toEqual([
      "Location 1",
      "Location 2",
    ]);
  });

  test("missing name gets 400", async () => {
    const response = await callAs(t, owner, "POST", "/api/locations", {});

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toBe("name: Enter the location's name.");
  });

  test("invisible characters at the ends are trimmed", async () => {
    const response = await addLocation("\u200b Harbour \u00a0\ufeff");

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe("Harbour");
    expect((await addLocation("Harbour\u200b")).statusCode).toBe(409);
  });

  test("joiners inside a name are kept", async () => {
    const name = "Team \u{1F469}\u200d\u{1F4BB}";

    const response = await addLocation(name);

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe(name);
  });
});

describe("location name normalization", () => {
  test.each([
    ["runs of spaces", "  Main   location "],
    ["a no-break space", "Main\u00a0location"],
    ["an ideographic space", "Main\u3000location"],
    ["full-width letters", "\uff2d\uff21\uff29\uff2e location"],
    ["a zero-width space", "Main \u200blocation"],
    ["a word joiner", "Ma\u2060in location"],
    ["a soft hyphen", "Main loca\u00adtion"],
    ["a joiner between letters", "Ma\u200din location"],
    ["a bidirectional override", "Main \u202elocation"],
  ])("%s matches the taken name", async (_case, name) => {
    expect((await addLocation("Main location")).statusCode).toBe(201);

    const response = await addLocation(name);

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toBe(
      'A location named "Main location" already exists. Choose another name.',
    );
    expect(response.json<{ error: { field: string } }>().error.field).toBe(
      "name",
    );
  });

  test.each([
    ["runs of spaces", "  Main   location ", "Main location"],
    ["a zero-width space", "Main\u200blocation", "Mainlocation"],
    [
      "full-width letters",
      "\uff2d\uff21\uff29\uff2e location",
      "MAIN location",
    ],
    ["a ligature", "\ufb01sh market", "fish market"],
  ])("%s is stored normalized", async (_case, name, stored) => {
    const response = await addLocation(name);

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe(stored);
    expect(await companyLocationNames(company.id)).toContain(stored);
  });

  test.each([
    ["a skin tone", "Desk \u{1F44B}\u{1F3FD}"],
    ["an emoji selector", "Love \u2764\ufe0f"],
    ["an emoji sequence", "Pride \u{1F3F3}\ufe0f\u200d\u{1F308}"],
    [
      "a subdivision flag",
      "Edinburgh \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    ],
    ["a keycap", "Floor 1\ufe0f\u20e3"],
    ["a Persian non-joiner", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645"],
    [
      "a Devanagari joiner",
      "\u0915\u094d\u200d\u0937 \u0936\u093e\u0916\u093e",
    ],
    ["a Malayalam joiner", "\u0d28\u0d4d\u200d \u0d15\u0d1f"],
  ])("%s is kept", async (_case, name) => {
    const response = await addLocation(name);

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe(name);
  });

  test("Persian non-joiner makes another name", async () => {
    const joined = "\u0645\u06cc\u062e\u0648\u0627\u0645";
    const separated = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645";

    expect((await addLocation(joined)).statusCode).toBe(201);
    expect((await addLocation(separated)).statusCode).toBe(201);
  });

  test("non-joiner at the end is removed", async () => {
    const response = await addLocation("\u0645\u06cc\u200c");

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe("\u0645\u06cc");
  });

  test("long name is measured normalized", async () => {
    const response = await addLocation(`${"x".repeat(100)}\u200b   `);

    expect(response.statusCode).toBe(201);
    expect(response.json<Location>().name).toBe("x".repeat(100));
  });
});

describe("location rename checks", () => {
  test("rename to a taken name gets 409", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "location 2");

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toContain(
      'A location named "Location 2" already exists',
    );
    expect(await companyLocationNames(company.id)).toEqual([
      "Location 1",
      "Location 2",
    ]);
  });

  test("rename may change the case", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "LOCATION 1");

    expect(response.statusCode).toBe(200);
    expect(response.json<Location>().name).toBe("LOCATION 1");
  });

  test("rename to an invisible name gets 400", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "\u200b\u200c");

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain("only invisible characters");
  });

  test("rename normalizes the name", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "\uff30ier   \u200b2");

    expect(response.statusCode).toBe(200);
    expect(response.json<Location>().name).toBe("Pier 2");
    expect(await companyLocationNames(company.id)).toContain("Pier 2");
  });

  test("rename to a look-alike gets 409", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "Location\u3000\u200b2");

    expect(response.statusCode).toBe(409);
    expect(errorMessageOf(response)).toBe(
      'A location named "Location 2" already exists. Choose another name.',
    );
  });

  test("rename trims the name", async () => {
    const [first] = company.locationIds as [string, string];

    const response = await renameLocation(first, "  Pier  ");

    expect(response.json<Location>().name).toBe("Pier");
    expect(await companyLocationNames(company.id)).toContain("Pier");
  });
});

describe("concurrent location names", () => {
  test("racing creates store the name once", async () => {
    const responses = await Promise.all(
      ["Branch", "branch", "BRANCH", " Branch", "Branch "].map((name) =>
        addLocation(name),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();

    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const names = await companyLocationNames(company.id);
    expect(
      names.filter((name) => name.toLowerCase() === "branch"),
    ).toHaveLength(1);
  });

  test("racing renames store the name once", async () => {
    const [first, second] = company.locationIds as [string, string];

    const responses = await Promise.all([
      renameLocation(first, "Pier"),
      renameLocation(second, "pier"),
    ]);
    const statuses = responses.map((response) => response.statusCode).sort();

    expect(statuses).toEqual([200, 409]);
  });

  test("racing look-alike creates store one name", async () => {
    const responses = await Promise.all(
      ["Main location", "Main  location", "\uff2dain location"].map((name) =>
        addLocation(name),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();

    expect(statuses).toEqual([201, 409, 409]);
    expect(await companyLocationNames(company.id)).toEqual([
      "Location 1",
      "Location 2",
      "Main location",
    ]);
  });

  test("unique index rejects a same-name insert", async () => {
    await createLocation(t.ctx, company.id, "Dock");

    const insert = createLocation(t.ctx, company.id, "DOCK");

    await expect(insert).rejects.toSatisfy(isUniqueViolation);
  });
});
