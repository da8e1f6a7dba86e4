import { Transform } from "node:stream";
import { errors } from "../../../errors.js";

/**
 * Reads a whole body into memory, and throws 413 as soon as it grows past
 * `maxBytes`. Used when the sender did not declare a Content-Length, so the
 * size is known before any response header is sent.
 */
export async function readWithLimit(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw errors.mediaTooLarge(maxBytes);

    parts.push(Buffer.from(chunk));
  }

  return Buffer.concat(parts, total);
}

/**
 * Returns a pass-through stream that fails with 413 once more than
 * `maxBytes` pass, because a declared Content-Length can be wrong.
 */
export function byteLimitStream(maxBytes: number): Transform {
  let total = 0;

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        callback(errors.mediaTooLarge(maxBytes));

        return;
      }

      callback(null, chunk);
    },
  });
}
