import { errors } from "../../../errors.js";

/** A position in a list sorted by (timestamp, id), both descending. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** Encodes a position as an opaque base64url token for a URL. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString(
    "base64url",
  );
}

/** Decodes a token from encodeCursor, or throws 400 naming `field`. */
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

function tryDecode(token: string): KeysetPosition | null {
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
