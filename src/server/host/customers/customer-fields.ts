import {
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";
import { countryName } from "../../../common/country-name.js";
import { toE164 } from "../../../common/phone.js";

/** Maximum customer name length, in characters. */
export const MAX_NAME_LENGTH = 200;
/** Maximum length of a typed phone number, in characters. */
export const MAX_PHONE_LENGTH = 50;

export type PhoneReading =
  | {
      ok: true;
      /** The number as typed, without the extension and outer spaces. */
      phone: string;
      e164: string;
      /** An extension written after the number, such as "5" of "ext. 5". */
      extension: string | null;
    }
  | { ok: false; problem: "missing" | "invalid"; message: string };

/**
 * Reads a phone number written in any common format, reading national
 * formats in the company's country, such as "(415) 555-0123" in the US.
 * An extension is cut off, because texts cannot reach it: "(415) 555-0123
 * x 5" returns the phone "(415) 555-0123" and the extension "5".
 */
export function readPhone(input: string, country: string): PhoneReading {
  const phone = input.trim();
  if (phone === "") {
    return {
      ok: false,
      problem: "missing",
      message: `The phone number is missing. ${expectedPhoneForm(country)}`,
    };
  }

  const e164 = phone.length <= MAX_PHONE_LENGTH ? toE164(phone, country) : null;
  if (e164 === null) {
    return {
      ok: false,
      problem: "invalid",
      message: `"${shorten(phone)}" is not a valid phone number. ${expectedPhoneForm(country)}`,
    };
  }

  const extension = readExtension(phone, country);
  if (extension === null) return { ok: true, phone, e164, extension };

  return {
    ok: true,
    phone: cutExtension(phone, country, e164),
    e164,
    extension,
  };
}

/**
 * Returns the longest start of `phone` that ends with a digit and reads as
 * `e164` with no extension. The extension follows the number, so this is
 * the number as typed without the extension and its marker ("ext.", "x",
 * "#"). Returns `phone` when no such start exists.
 */
function cutExtension(phone: string, country: string, e164: string): string {
  for (let end = phone.length; end > 0; end -= 1) {
    if (!/\p{Nd}/u.test(phone.charAt(end - 1))) continue;

    const start = phone.slice(0, end);
    const readsAsNumber =
      readExtension(start, country) === null && toE164(start, country) === e164;
    if (readsAsNumber) return start;
  }

  return phone;
}

/**
 * Returns the extension libphonenumber-js reads after a number ("ext. 5",
 * "x5", "#5"), or null. E.164 has no place for it, so texts never use it.
 */
function readExtension(phone: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(
    phone,
    country.toUpperCase() as CountryCode,
  );

  return parsed?.ext ?? null;
}

function expectedPhoneForm(country: string): string {
  return `Enter it with the country code, such as +14155550123, or as a national number of the company's country, ${countryName(country)}.`;
}

/** Returns the name with outer spaces removed and inner runs collapsed. */
export function cleanName(input: string): string {
  return input.trim().replace(/\s+/g, " ");
}

/** Folds a name for duplicate checks: case and spacing do not count. */
export function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase("en");
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
