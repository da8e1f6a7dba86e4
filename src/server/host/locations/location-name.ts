import {
  findUnshowable,
  removeInvisible,
  trimSpaceAndControls,
} from "../../text/visible-text.js";

/** Maximum length of a location name, in UTF-16 code units. */
export const MAX_LOCATION_NAME_LENGTH = 100;

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

/**
 * Normalizes a location name, then checks that something visible is left
 * and nothing unshowable.
 */
export function checkLocationName(raw: string): LocationNameCheck {
  if (raw.trim() === "") {
    return { ok: false, message: "Enter the location's name." };
  }

  const visible = trimSpaceAndControls(removeInvisible(raw));
  if (findUnshowable(visible) !== null) {
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
