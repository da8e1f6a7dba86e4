import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { errors } from "../../../errors.js";

/** A send request's Idempotency-Key header and the request it names. */
export interface IdempotencyKey {
  key: string;
  /** SHA-256 (hex) of the request's route and input. */
  requestHash: string;
}

const MIN_LENGTH = 8;
const MAX_LENGTH = 200;
// Visible ASCII, so the key survives every proxy and log viewer unchanged.
const KEY_PATTERN = /^[\x21-\x7e]+$/;

const ADVICE =
  "Send a new random string of 8 to 200 characters, such as a UUID, with each new message, and the same string when retrying that request.";

/**
 * Reads the Idempotency-Key header of a send request, or throws 400 when it
 * is missing or invalid. `fingerprint` identifies the request by its route
 * and parsed input, so a key reused with another fingerprint names a
 * different request, which sendOnce rejects.
 */
export function readIdempotencyKey(
  request: FastifyRequest,
  fingerprint: Record<string, string | null>,
): IdempotencyKey {
  const header = request.headers["idempotency-key"];
  if (header === undefined) {
    throw errors.invalidIdempotencyKey(
      `The Idempotency-Key header is missing. ${ADVICE}`,
    );
  }

  const key = typeof header === "string" ? header.trim() : "";
  const valid =
    key.length >= MIN_LENGTH &&
    key.length <= MAX_LENGTH &&
    KEY_PATTERN.test(key);
  if (!valid) {
    throw errors.invalidIdempotencyKey(
      `The Idempotency-Key header is invalid: it must be one value of 8 to 200 visible ASCII characters without spaces. ${ADVICE}`,
    );
  }

  const requestHash = createHash("sha256")
    .update(JSON.stringify(fingerprint))
    .digest("hex");

  return { key, requestHash };
}
