/** Maximum length of a location name, in UTF-16 code units. */
export const MAX_LOCATION_NAME_LENGTH = 100;

/** White space and control characters at either end of a name. */
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

export type LocationNameCheck =
  { ok: true; name: string } | { ok: false; message: string };

/**
 * Normalizes a location name so that names that look the same are stored
 * the same. It applies NFKC, so full-width "ＭＡＩＮ" becomes "MAIN". It
 * removes invisible characters except inside emoji sequences and joiners
 * that change letter forms (such as U+200C in Persian), collapses runs of
 * white space to one space and trims both ends.
 */
export function normalizeLocationName(name: string): string {
  return removeInvisible(name)
    .normalize("NFKC")
    .replace(/\p{White_Space}+/gu, " ")
    .trim();
}

function removeInvisible(text: string): string {
  return text.replace(INVISIBLE_INSIDE, (_match, kept?: string) => kept ?? "");
}

/**
 * Normalizes a location name, then checks that something visible is left
 * and nothing unshowable.
 */
export function checkLocationName(raw: string): LocationNameCheck {
  if (raw.trim() === "") {
    return { ok: false, message: "Enter the location's name." };
  }

  const visible = removeInvisible(raw).replace(SPACE_AT_ENDS, "");
  if (UNSHOWABLE.test(visible)) {
    return {
      ok: false,
      message:
        "The location's name contains a control character, such as a line break or tab. Enter the name on one line without them.",
    };
  }

  const name = normalizeLocationName(visible);
  if (name === "") {
    return {
      ok: false,
      message:
        "The location's name contains only invisible characters, such as zero-width spaces. Enter a name with letters or digits.",
    };
  }

  if (name.length > MAX_LOCATION_NAME_LENGTH) {
    return {
      ok: false,
      message: `Use at most ${MAX_LOCATION_NAME_LENGTH} characters for the location's name.`,
    };
  }

  return { ok: true, name };
}

/**
 * Returns the key under which two location names count as the same: the
 * normalized name in lower case.
 */
export function locationNameKey(name: string): string {
  return normalizeLocationName(name).toLowerCase();
}
