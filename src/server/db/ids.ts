import { randomUUID } from "node:crypto";

export function newId(): string {
  return randomUUID();
}

/** Returns the current time as an ISO 8601 UTC string with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
