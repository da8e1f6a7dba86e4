/** Maximum length of a location name, in UTF-16 code units. */
export const MAX_LOCATION_NAME_LENGTH = 100;

/**
 * Characters that show nothing: white space, control and format characters
 * (such as U+200B zero-width space and U+FEFF) and the other default
 * ignorable code points (such as U+3164 Hangul filler).
 */
const INVISIBLE =
  /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const INVISIBLE_AT_ENDS = new RegExp(
  `^${INVISIBLE.source}+|${INVISIBLE.source}+$`,
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
 * Trims white space and invisible characters from both ends of a location
 * name, then checks that something visible is left and nothing unshowable.
 */
export function checkLocationName(raw: string): LocationNameCheck {
  const name = raw.replace(INVISIBLE_AT_ENDS, "");
  if (raw.trim() === "") {
    return { ok: false, message: "Enter the location's name." };
  }

  if (name === "") {
    return {
      ok: false,
      message:
        "The location's name contains only invisible characters, such as zero-width spaces. Enter a name with letters or digits.",
    };
  }

  if (UNSHOWABLE.test(name)) {
    return {
      ok: false,
      message:
        "The location's name contains a control character, such as a line break or tab. Enter the name on one line without them.",
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

/** Returns the key under which two location names count as the same. */
export function locationNameKey(name: string): string {
  return name.toLowerCase();
}
