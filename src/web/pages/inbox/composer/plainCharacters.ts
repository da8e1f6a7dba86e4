/**
 * GSM-7 stand-ins for typographic characters. They follow the map that
 * sms-segments-calculator 1.3.0 uses to emulate Twilio's Smart Encoding (a
 * Messaging Service setting), plus primes, but a tab or an odd space
 * becomes one plain space.
 */
const replacements: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": ",",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
  "\t": " ",
  "\u00A0": " ",
  "\u2009": " ",
  "\u202F": " ",
  "\u200B": "",
  "\uFEFF": "",
};

const pattern = new RegExp(`[${Object.keys(replacements).join("")}]`, "gu");

/** Checks whether `plainCharacters` would change any of these characters. */
export function hasPlainReplacement(characters: string[]): boolean {
  return characters.some((character) => character in replacements);
}

/** Replaces smart quotes, dashes, ellipses and odd spaces with GSM-7 ones. */
export function plainCharacters(text: string): string {
  return text.replace(pattern, (character) => replacements[character] ?? "");
}
