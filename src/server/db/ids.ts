import { randomFillSync } from "node:crypto";

/** Random bytes drawn in bulk, 10 for each id. */
const randomPool = Buffer.alloc(10 * 512);
let poolOffset = randomPool.length;

/**
 * Generates a new row id: a UUID of version 7 (RFC 9562), whose first 48
 * bits are the current Unix time in milliseconds and whose other 74 bits
 * (besides version and variant) are random. Ids made at about the same
 * time sort next to each other, so a new row joins the last pages of the
 * indexes on its id instead of a random page of each, and a transaction
 * writes fewer pages. Ids are not secrets: anything that must not be
 * guessed, such as a media URL's token, uses its own random bytes.
 */
export function newId(): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  randomPool.copy(bytes, 6, poolOffset, poolOffset + 10);
  poolOffset += 10;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Returns the current time as an ISO 8601 UTC string with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
