import {
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";
import { toE164 } from "../../../common/phone.js";

/** Maximum customer name length, in characters. */
export const MAX_NAME_LENGTH = 200;
/** Maximum length of a typed phone number, in characters. */
export const MAX_PHONE_LENGTH = 50;

export type PhoneReading =
  | {
      ok: true;
      phone: string;
      e164: string;
      /** An extension written after the number, such as "5" of "ext. 5". */
      extension: string | null;
    }
  | { ok: false; problem: "missing" | "invalid"; message: string };

/**
 * Reads a phone number written in any common format, reading national
 * formats in the company's country, such as "(415) 555-0123" in the US.
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

  return { ok: true, phone, e164, extension: readExtension(phone, country) };
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
  return `Enter it with the country code, such as +14155550123, or as a national number in ${country.toUpperCase()}, the company's country.`;
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
