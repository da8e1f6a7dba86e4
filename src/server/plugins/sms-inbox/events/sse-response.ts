import type { ServerResponse } from "node:http";
import { formatCursor, formatRetry, SSE_HEADERS } from "./sse-format.js";

/**
 * Starts an event stream on a hijacked response with the headers, the
 * reconnect delay and the id the stream starts after. Returns false,
 * writing nothing, when the client has already gone, because it may have
 * left while the route awaited the database.
 */
export function openSseResponse(
  response: ServerResponse,
  retryMs: number,
  cursor: number,
): boolean {
  if (response.destroyed) return false;

  response.writeHead(200, SSE_HEADERS);
  response.write(formatRetry(retryMs));
  response.write(formatCursor(cursor));

  return true;
}

/**
 * Writes a chunk. When the socket's buffer is full, waits until it drains
 * or the response closes, so a slow client never makes the server buffer
 * the whole log.
 */
export async function writeChunk(
  response: ServerResponse,
  chunk: string,
): Promise<void> {
  if (response.write(chunk)) return;

  await new Promise<void>((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}
