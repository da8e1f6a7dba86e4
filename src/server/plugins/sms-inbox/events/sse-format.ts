import type { OutgoingHttpHeaders } from "node:http";

/** Response headers of an event stream. */
export const SSE_HEADERS: OutgoingHttpHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  // nginx buffers proxied responses unless this header is "no".
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

/** Sets how long an EventSource waits before it reconnects. */
export function formatRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/**
 * Formats an id without data. The browser stores it as the last event id
 * without dispatching an event, so a reconnect before the first event
 * still resumes from where the stream started.
 */
export function formatCursor(id: number): string {
  return `id: ${id}\n\n`;
}

/**
 * Formats one event. JSON.stringify escapes line breaks inside strings, so
 * the data always fits on the single `data:` line.
 */
export function formatEvent(id: number, data: unknown): string {
  return `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Formats a comment line, which clients ignore and proxies see as traffic. */
export function formatComment(text: string): string {
  return `: ${text}\n\n`;
}
