// Checks for names and other short texts that people read in one-line
// boxes: which characters show nothing, and which cannot be shown at all.

/** White space and control characters at either end of a text. */
const SPACE_AT_ENDS = /^[\p{White_Space}\p{Cc}]+|[\p{White_Space}\p{Cc}]+$/gu;

/**
 * An emoji with its presentation selector, skin tone or tag sequence (such
 * as the flag of Scotland), joined by U+200D to further emoji, or a keycap.
 * These sequences keep their invisible characters.
 */
const EMOJI_PART =
  "\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier}|[\\u{E0020}-\\u{E007E}]+\\u{E007F})?";
const EMOJI_SEQUENCE = `${EMOJI_PART}(?:\\u200D${EMOJI_PART})*|[0-9#*]\\uFE0F?\\u20E3`;

/**
 * Scripts whose letter forms U+200C (zero-width non-joiner) and U+200D
 * (zero-width joiner) change: the cursive scripts that join letters, such
 * as Arabic, and the Brahmic scripts, where a joiner after a virama picks
 * the half or full form. RFC 5892 (appendix A) allows the joiners in the
 * same places. It defines them by joining type and virama, which regular
 * expressions cannot test, so this check approximates both by the script
 * of the preceding character.
 */
const JOINING_SCRIPTS = [
  "Arabic",
  "Syriac",
  "Nko",
  "Mongolian",
  "Adlam",
  "Hanifi_Rohingya",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Tibetan",
  "Myanmar",
  "Khmer",
]
  .map((script) => `\\p{Script=${script}}`)
  .join("");

/**
 * A joiner after a letter or mark of a joining script: after a mark (a
 * virama) anywhere, as in the Malayalam chillu "ന്\u200D", and after a
 * letter only when a letter or mark follows.
 */
const MEANINGFUL_JOINER = `(?<=[${JOINING_SCRIPTS}])(?:(?<=\\p{M})[\\u200C\\u200D]|[\\u200C\\u200D](?=[\\p{L}\\p{M}]))`;

/**
 * Characters that show nothing outside emoji sequences and meaningful
 * joiners: format characters (such as U+200B zero-width space and U+FEFF)
 * and the other default ignorable code points (such as U+3164 Hangul
 * filler).
 */
const INVISIBLE_INSIDE = new RegExp(
  `(${EMOJI_SEQUENCE}|${MEANINGFUL_JOINER})|[\\p{Cf}\\p{Default_Ignorable_Code_Point}]`,
  "gu",
);

/**
 * Control characters and unpaired surrogates. PostgreSQL cannot store
 * U+0000 in text, and the others break the one-line boxes that show names.
 */
const UNSHOWABLE = /[\p{Cc}\p{Cs}]/u;

/**
 * Removes characters that show nothing, such as U+200B zero-width space,
 * except inside emoji sequences and joiners that change letter forms (such
 * as U+200C in Persian).
 */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE_INSIDE, (_match, kept?: string) => kept ?? "");
}

/** Removes white space and control characters at both ends of `text`. */
export function trimSpaceAndControls(text: string): string {
  return text.replace(SPACE_AT_ENDS, "");
}

/**
 * Returns the first control character or unpaired surrogate in `text`, as
 * "the control character U+0007" or "the unpaired surrogate U+D800", or
 * null when there is none.
 */
export function findUnshowable(text: string): string | null {
  const found = UNSHOWABLE.exec(text)?.[0];
  if (found === undefined) return null;

  const codePoint = found.codePointAt(0) ?? 0;
  const kind = /\p{Cs}/u.test(found)
    ? "unpaired surrogate"
    : "control character";

  return `the ${kind} ${codePointLabel(codePoint)}`;
}

/** Returns a code point written as "U+XXXX", such as "U+200B". */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
