import { errors } from "../errors.js";

/**
 * A row's position in a list sorted by (sort key, id), where the id breaks
 * ties. `at` is the sort key: a timestamp for the inbox lists and the audit
 * log, a name for the customer list.
 */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** One page of a keyset-paged list. */
export interface KeysetPage<Row> {
  rows: Row[];
  /** Cursor of the page's last row when more rows follow, else null. */
  nextCursor: string | null;
}

/** Characters of unpadded base64url, the only form encodeCursor writes. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Encodes a position as an opaque base64url token of the JSON `[at, id]`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString(
    "base64url",
  );
}

/** Decodes a token from encodeCursor, or throws a 400 naming `field`. */
export function decodeCursor(token: string, field: string): KeysetPosition {
  const position = tryDecode(token);
  if (!position) {
    throw errors.validation(
      `${field}: the paging cursor is invalid. Reload the list to start again.`,
      field,
    );
  }

  return position;
}

/**
 * Cuts rows fetched with a limit of `limit + 1` into a page of at most
 * `limit` rows. The extra row only shows that another page follows, so the
 * next cursor points at the page's last row.
 */
export function cutKeysetPage<Row>(
  rows: readonly Row[],
  limit: number,
  positionOf: (row: Row) => KeysetPosition,
): KeysetPage<Row> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(positionOf(last))
      : null;

  return { rows: pageRows, nextCursor };
}

function tryDecode(token: string): KeysetPosition | null {
  if (!BASE64URL.test(token)) return null;

  try {
    const value: unknown = JSON.parse(
      Buffer.from(token, "base64url").toString("utf8"),
    );
    if (!Array.isArray(value) || value.length !== 2) return null;

    const [at, id] = value as unknown[];
    if (typeof at !== "string" || typeof id !== "string") return null;

    return { at, id };
  } catch {
    return null;
  }
}
