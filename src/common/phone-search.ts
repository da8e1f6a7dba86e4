import { AsYouType, type CountryCode } from "libphonenumber-js";

// Characters people type in phone numbers: +44 (0)20 7946-0958, 415.555.0100
// and 020/7946 0958.
const PHONE_TEXT = /^[\d\s()+./-]+$/;

/**
 * Maximum count of bare digits searched as typed. People search by a
 * number's last four digits, and reading "1234" as dialled from the US
 * would drop its 1 as a trunk prefix.
 */
const MAX_TAIL_DIGITS = 4;

/**
 * Returns the digits that a stored E.164 number contains when it matches
 * `input`, a complete or partial phone number typed as dialled from
 * `defaultCountry`. Returns null when `input` is not written like a number.
 *
 * The dialling prefixes are dropped because E.164 has none. So, from GB,
 * "020 7946" gives 207946, "+44 (0)20 7946" and "0044 20 7946" give
 * 44207946. A 0 that belongs to the number, as in Italy's "06 1234", stays.
 * Up to four bare digits, such as "1234", are the end of a number and stay
 * as typed.
 */
export function phoneSearchDigits(
  input: string,
  defaultCountry: string,
): string | null {
  const text = input.trim();
  if (!PHONE_TEXT.test(text)) return null;
  if (/^\d+$/.test(text) && text.length <= MAX_TAIL_DIGITS) return text;

  const digits = dialledDigits(text, defaultCountry) ?? text.replace(/\D/g, "");

  return digits === "" ? null : digits;
}

/**
 * Reads `text` with libphonenumber-js, which drops the country's trunk
 * prefix (GB 0, US 1, RU 8) and international prefix (GB 00, US 011).
 * A leading 00 counts as an international prefix in every country, as in
 * toE164. Returns the country calling code and national digits, or null
 * when libphonenumber-js reads no digits, as for an unknown calling code.
 */
function dialledDigits(text: string, defaultCountry: string): string | null {
  const country = defaultCountry.toUpperCase() as CountryCode;
  let typed = readAsYouType(text, country);
  if (!typed.isInternational() && text.startsWith("00")) {
    typed = readAsYouType(`+${text.slice(2)}`, country);
  }

  const digits = `${typed.getCallingCode() ?? ""}${typed.getNationalNumber()}`;

  return digits === "" ? null : digits;
}

function readAsYouType(text: string, country: CountryCode): AsYouType {
  const typed = new AsYouType(country);
  typed.input(text);

  return typed;
}
