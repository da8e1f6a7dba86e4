import {
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";

/**
 * Returns the E.164 form of a phone number written in any common format,
 * reading national formats such as "(415) 555-0100" in `defaultCountry`.
 * Returns null when the text cannot be a phone number.
 */
export function toE164(input: string, defaultCountry: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;

  const country = defaultCountry.toUpperCase() as CountryCode;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  const international = readDoubleZeroPrefix(trimmed);
  if (international && !parsed?.isValid()) return international;

  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * Reads "0044 20…" as +44 20…, because 00 is the international call prefix
 * in most countries, even where the default country dials out another way
 * (011 from the US). Callers prefer a valid national reading, so prefixes
 * such as Australia's 0011 keep working.
 */
function readDoubleZeroPrefix(text: string): string | null {
  if (!/^00\s*[1-9]/.test(text)) return null;

  const parsed = parsePhoneNumberFromString(`+${text.slice(2)}`);

  return parsed?.isPossible() ? parsed.number : null;
}

/** Short codes are 3 to 8 digits, such as `68849`. */
export function isShortCode(address: string): boolean {
  return /^\d{3,8}$/.test(address);
}

/** Alphanumeric sender IDs contain at least one letter, such as `SUPPORT`. */
export function isAlphanumericSender(address: string): boolean {
  return /^[A-Za-z0-9 ]{1,11}$/.test(address) && /[A-Za-z]/.test(address);
}

/**
 * Returns the address a conversation is keyed by: E.164 for phone numbers,
 * and short codes and alphanumeric senders exactly as Twilio delivered them.
 */
export function conversationAddress(
  from: string,
  defaultCountry: string,
): string {
  const trimmed = from.trim();
  if (isShortCode(trimmed) || isAlphanumericSender(trimmed)) return trimmed;

  return toE164(trimmed, defaultCountry) ?? trimmed;
}

/** Formats an E.164 number for display; other addresses are returned as is. */
export function formatPhoneNumber(address: string): string {
  if (!address.startsWith("+")) return address;

  return parsePhoneNumberFromString(address)?.formatInternational() ?? address;
}
