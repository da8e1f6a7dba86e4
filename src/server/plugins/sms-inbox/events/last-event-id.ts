import type { FastifyRequest } from "fastify";

// Ids are positive integers; 15 digits stay exact in a JavaScript number.
const EVENT_ID = /^[0-9]{1,15}$/;

/**
 * Reads the id of the last event the client received: the Last-Event-ID
 * header a reconnecting EventSource sends, or the `lastEventId` query
 * parameter of a client that opens a new connection itself. Returns null
 * when neither contains an event id, and the stream then starts afresh.
 */
export function readLastEventId(request: FastifyRequest): number | null {
  const header = request.headers["last-event-id"];
  const query = request.query;
  const fromQuery =
    typeof query === "object" && query !== null && "lastEventId" in query
      ? query.lastEventId
      : undefined;
  const value =
    typeof header === "string" && header !== "" ? header : fromQuery;

  return typeof value === "string" && EVENT_ID.test(value.trim())
    ? Number(value.trim())
    : null;
}
