/**
 * Maximum length of an inbox number's name in code points, the limit Twilio
 * sets for a friendly name (src/sandbox rejects longer ones the same way).
 */
export const MAX_NUMBER_NAME_LENGTH = 64;

const CONTROL = /\p{Cc}/u;
const WHITE_SPACE = /\s+/gu;

/** Returns the name with each run of white space turned into one space. */
export function normalizeNumberName(name: string): string {
  return name.replace(WHITE_SPACE, " ").trim();
}

/**
 * Returns why `name` cannot label an inbox number, or null when it can.
 * Expects a normalized name, which is blank when the label is cleared.
 */
export function numberNameProblem(name: string): string | null {
  const length = Array.from(name).length;
  if (length > MAX_NUMBER_NAME_LENGTH) {
    return `A number's name has at most ${MAX_NUMBER_NAME_LENGTH} characters; this one has ${length}.`;
  }

  if (CONTROL.test(name)) {
    return "A number's name cannot contain control characters.";
  }

  return null;
}

/**
 * Returns the label for a number from the friendly name Twilio reports for
 * it, or null when that name is blank or only repeats the number's digits,
 * as Twilio's default friendly name "(415) 555-0100" does. A longer name is
 * cut to MAX_NUMBER_NAME_LENGTH characters, and control characters become
 * spaces.
 */
export function nameFromFriendlyName(
  friendlyName: string | null | undefined,
  phoneNumber: string,
): string | null {
  if (!friendlyName) return null;

  const name = normalizeNumberName(friendlyName.replace(/\p{Cc}/gu, " "));
  if (name === "") return null;

  const digits = name.replace(/\D/g, "");
  const onlyDigits = !/\p{L}/u.test(name);
  const numberDigits = phoneNumber.replace(/\D/g, "");
  if (onlyDigits && digits !== "" && numberDigits.endsWith(digits)) {
    return null;
  }

  return Array.from(name).slice(0, MAX_NUMBER_NAME_LENGTH).join("").trim();
}
