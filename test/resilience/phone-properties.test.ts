import fc from "fast-check";
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, test } from "vitest";
import { toE164 } from "../../src/common/phone.js";

const E164 = /^\+[1-9]\d{1,14}$/;
const SEPARATORS = ["", " ", "-", ".", " - "];
const RUNS = { numRuns: 300 };

/**
 * Home countries for "00" numbers. Elsewhere a 00 text can also be a valid
 * national number (Indonesia's 001 services) or pick a carrier (Brazil's
 * 00 + two digits).
 */
const doubleZeroHomes: CountryCode[] = [
  ...["US", "CA", "GB", "DE", "FR", "ES", "IT", "NL", "MX", "IN", "IE"],
  ...["ZA", "NZ", "SE", "CH"],
] as CountryCode[];

const countries = getCountries().filter(
  (country) => getExampleNumber(country, examples) !== undefined,
);

/**
 * Valid mobile numbers: a country's example number with its last three
 * digits replaced, kept only when libphonenumber still calls it valid.
 */
const validNumber = fc
  .record({
    country: fc.constantFrom(...countries),
    tail: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ country, tail }) => {
    const example = getExampleNumber(country, examples);
    const digits = example?.number.slice(0, -3) ?? "";
    const number = `${digits}${String(tail).padStart(3, "0")}`;

    return parsePhoneNumberFromString(number, country);
  })
  .filter((parsed): parsed is PhoneNumber => parsed?.isValid() === true);

/** Splits digits into groups of 1 to 4 and joins them with separators. */
function regroup(digits: string, seed: number[], parenthesize: boolean) {
  const groups: string[] = [];
  let rest = digits;
  for (let index = 0; rest.length > 0; index++) {
    const size = 1 + ((seed[index % seed.length] ?? 0) % 4);
    groups.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  if (parenthesize && groups.length > 1) groups[0] = `(${groups[0]})`;

  let text = groups[0] ?? "";
  for (const [index, group] of groups.slice(1).entries()) {
    const separator = SEPARATORS[(seed[index] ?? 0) % SEPARATORS.length];
    text += `${separator}${group}`;
  }

  return text;
}

const layout = fc.record({
  seed: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }),
  parenthesize: fc.boolean(),
  gap: fc.constantFrom(...SEPARATORS),
});

describe("toE164 properties", () => {
  test("E.164 output is a fixed point", () => {
    fc.assert(
      fc.property(validNumber, fc.constantFrom(...countries), (phone, home) => {
        const normalized = toE164(phone.number, phone.country ?? "US");

        expect(normalized).toBe(phone.number);
        expect(toE164(phone.number, home)).toBe(phone.number);
      }),
      RUNS,
    );
  });

  test("written formats normalise equal", () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.constantFrom(...countries),
        fc.constantFrom(...doubleZeroHomes),
        layout,
        (phone, home, doubleZeroHome, { seed, parenthesize, gap }) => {
          const callingCode = getCountryCallingCode(
            phone.country as CountryCode,
          );
          const significant = regroup(phone.nationalNumber, seed, parenthesize);
          const nationalDigits = phone.formatNational().replace(/\D/g, "");
          const national = regroup(nationalDigits, seed, parenthesize);
          const country = phone.country ?? "US";

          expect(toE164(`+${callingCode}${gap}${significant}`, home)).toBe(
            phone.number,
          );
          expect(
            toE164(`00${callingCode}${gap}${significant}`, doubleZeroHome),
          ).toBe(phone.number);
          expect(toE164(`  ${national}\t`, country)).toBe(phone.number);
        },
      ),
      RUNS,
    );
  });

  test("arbitrary text never throws", () => {
    const phoneLike = fc.stringMatching(/^[+0-9 ().\-x#*]{0,30}$/);
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary" }), phoneLike),
        fc.oneof(fc.constantFrom(...countries), fc.string({ maxLength: 3 })),
        (input, country) => {
          const normalized = toE164(input, country);

          if (normalized !== null) expect(normalized).toMatch(E164);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  test.each([
    ["spaces", "+1 415 555 0100", "US"],
    ["dashes", "1-415-555-0100", "US"],
    ["dots", "415.555.0100", "US"],
    ["parentheses", "(415) 555-0100", "US"],
    ["00 prefix from the US", "00 1 415 555 0100", "US"],
    ["011 prefix from the US", "011 1 415 555 0100", "US"],
    ["0011 prefix from Australia", "0011 1 415 555 0100", "AU"],
    ["national from Britain", "020 7946 0958", "GB"],
  ])("%s", (_, input, country) => {
    const expected = input.includes("7946") ? "+442079460958" : "+14155550100";

    expect(toE164(input, country)).toBe(expected);
  });
});
