import { randomFillSync } from "node:crypto";

/** Random bytes drawn in bulk, 10 for each id. */
const randomPool = Buffer.alloc(10 * 512);
let poolOffset = randomPool.length;

/** Largest value of the 12-bit counter in an id's `rand_a` field. */
const COUNTER_MAX = 0xfff;

/** Millisecond and counter of the last id made by this process. */
let lastMs = 0;
let counter = 0;

/**
 * Generates a new row id: a UUID of version 7 (RFC 9562). Its first 48 bits
 * are the Unix time in milliseconds, the next 12 bits a counter and the
 * last 62 bits random. Ids from one process sort in the order they were
 * made. A new millisecond starts the counter at a random value below 2048.
 * Within a millisecond, and while the clock reads earlier than the last
 * id's time, the counter goes up by one for each id. When it is full, the
 * id moves to the next millisecond. So rows ordered by creation time and
 * then id keep the order they were written in. Ids made at about the same
 * time also sort next to each other, so a new row joins the last pages of
 * the indexes on its id and a transaction writes fewer pages. Ids are not
 * secrets: anything that must not be guessed, such as a media URL's token,
 * uses its own random bytes.
 */
export function newId(): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = randomPool.readUInt16BE(poolOffset) & 0x7ff;
  } else if (counter < COUNTER_MAX) {
    counter += 1;
  } else {
    lastMs += 1;
    counter = randomPool.readUInt16BE(poolOffset) & 0x7ff;
  }

  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes.writeUInt16BE(0x7000 | counter, 6);
  randomPool.copy(bytes, 8, poolOffset + 2, poolOffset + 10);
  poolOffset += 10;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Returns the current time as an ISO 8601 UTC string with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
