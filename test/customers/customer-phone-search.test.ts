import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CustomerPage } from "../../src/common/customer-api.js";
import { createCustomer } from "../../src/server/host/customers/customer-store.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildCompany, buildStaff } from "../support/factories.js";
import { callAs } from "./customer-fixture.js";

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

/**
 * Stores each number as a customer of a new company in `country`, named
 * after the number, and returns the names that a search for `typed` lists.
 */
async function searchNumbers(
  country: string,
  numbers: string[],
  typed: string,
): Promise<string[]> {
  const company = await buildCompany(t.ctx, { country });
  const staff = await buildStaff(t.ctx, company);
  for (const phone of numbers) {
    await createCustomer(t.ctx, company.id, { name: phone, phone });
  }

  const response = await callAs(
    t,
    staff,
    "GET",
    `/api/customers?q=${encodeURIComponent(typed)}`,
  );
  expect(response.statusCode).toBe(200);

  return response.json<CustomerPage>().customers.map((row) => row.name);
}

describe("GET /api/customers by part of a number", () => {
  const london = "+442079460958";
  const sanFrancisco = "+14155550123";

  test.each([
    ["020 7946", "trunk prefix 0"],
    ["+44 (0)20 7946", "optional trunk 0 after +44"],
    ["0044 20 7946", "00 prefix"],
  ])("GB company finds %s (%s)", async (typed) => {
    const names = await searchNumbers("GB", [london, sanFrancisco], typed);

    expect(names).toEqual([london]);
  });

  test.each([
    ["(415) 555-01", "national format", sanFrancisco],
    ["1 415 555", "trunk prefix 1", sanFrancisco],
    ["001 415 555", "00 prefix", sanFrancisco],
    ["011 44 20 7946", "011 prefix", london],
  ])("US company finds %s (%s)", async (typed, _case, expected) => {
    const names = await searchNumbers("US", [london, sanFrancisco], typed);

    expect(names).toEqual([expected]);
  });

  test("RU company drops trunk prefix 8", async () => {
    const moscow = "+74951234567";

    const names = await searchNumbers("RU", [moscow, london], "8 495 123");

    expect(names).toEqual([moscow]);
  });

  test("IT company keeps the leading 0", async () => {
    // Rome's national number starts with 0, so "06 1234" must not match
    // every number that contains 61234.
    const rome = "+390612345678";
    const other = "+14155612340";

    const names = await searchNumbers("IT", [rome, other], "06 1234");

    expect(names).toEqual([rome]);
  });
});
