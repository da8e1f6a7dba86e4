import {
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";
import { countryName } from "../../../common/country-name.js";
import { toE164 } from "../../../common/phone.js";
import { findUnshowable, removeInvisible } from "../../text/visible-text.js";

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

export type NameReading =
  | { ok: true; name: string }
  | {
      ok: false;
      /** The name as read, for showing the rejected input. */
      name: string;
      problem: "missing" | "only_invisible" | "control_character";
      /** The problem and how to fix it, without the field's name. */
      message: string;
    };

/**
 * Reads a customer's name as typed, keeping its case and Unicode form. It
 * removes invisible characters such as U+200B zero-width space, but keeps
 * emoji sequences and joiners that change letter forms, such as U+200C in
 * Persian. It trims the name and collapses inner runs of white space. It
 * rejects a name that is empty, that shows nothing, or that contains an
 * unpaired surrogate or a control character other than white space, such
 * as BEL or ESC.
 */
export function readCustomerName(input: string): NameReading {
  const name = cleanName(input);
  const unshowable = findUnshowable(name);
  if (unshowable !== null) {
    return {
      ok: false,
      name,
      problem: "control_character",
      message: `The name contains ${unshowable}, which cannot be shown. Remove it from the name.`,
    };
  }
  if (name !== "") return { ok: true, name };

  if (input.trim() === "") {
    return {
      ok: false,
      name,
      problem: "missing",
      message: "The name is missing.",
    };
  }

  return {
    ok: false,
    name,
    problem: "only_invisible",
    message:
      "The name contains only invisible characters, such as zero-width spaces. Enter a name with letters.",
  };
}

/**
 * Returns the name without invisible characters and outer white space, with
 * inner runs of white space (tabs and line breaks too) collapsed to one
 * space.
 */
function cleanName(input: string): string {
  return removeInvisible(input).trim().replace(/\s+/g, " ");
}

/**
 * Folds a name for duplicate checks, so that case, spacing and invisible
 * characters do not count.
 */
export function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase("en");
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
