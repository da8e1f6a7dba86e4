import type { InboxEvent, InboxEventType } from "../../../../common/api";

const eventTypes: ReadonlySet<string> = new Set<InboxEventType>([
  "message.created",
  "message.updated",
  "conversation.read",
  "conversation.updated",
]);

/**
 * Parses an event's JSON data, or returns null when it is not an inbox
 * event this version of the app understands, so a newer server's event
 * type is ignored instead of breaking the page.
 */
export function parseInboxEvent(data: string): InboxEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;

  const event = value as Partial<Record<keyof InboxEvent, unknown>>;
  const isEvent =
    typeof event.type === "string" &&
    eventTypes.has(event.type) &&
    typeof event.conversation === "object" &&
    event.conversation !== null &&
    typeof event.totalUnread === "number" &&
    (event.message === null || typeof event.message === "object");

  return isEvent ? (value as InboxEvent) : null;
}
