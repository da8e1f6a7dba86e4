import type { Message } from "../../../common/api";

/** The company number a message used, as its meta line shows it. */
export interface BusinessNumberMark {
  number: string;
  /** The company number of the message before, when it was another one. */
  previousNumber: string | null;
}

/**
 * Returns the company number a message used: the number it was sent from,
 * or the number the customer texted.
 */
export function businessNumberOf(message: Message): string {
  return message.direction === "outbound" ? message.from : message.to;
}

/**
 * Returns each message's company number by message id, or null when every
 * message used the same number, so a single-number thread shows none.
 * Only loaded messages count: a thread whose earlier pages used another
 * number shows the numbers once those pages load. `messages` is oldest
 * first.
 */
export function businessNumberMarks(
  messages: Message[],
): Map<string, BusinessNumberMark> | null {
  const numbers = messages.map(businessNumberOf);
  if (new Set(numbers).size < 2) return null;

  const marks = new Map<string, BusinessNumberMark>();
  let previous: string | null = null;
  for (const message of messages) {
    const number = businessNumberOf(message);
    marks.set(message.id, {
      number,
      previousNumber: previous === number ? null : previous,
    });
    previous = number;
  }

  return marks;
}
