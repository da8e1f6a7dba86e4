import type {
  InboxNumber,
  Message,
  MessageDirection,
} from "../../../common/api";
import { inboxNumberLabel } from "../../format/inboxNumber";

/** A company number with its inbox name, or a null name when it has none. */
export interface NamedNumber {
  phoneNumber: string;
  name: string | null;
}

/** The company number a message used, as its meta line shows it. */
export interface BusinessNumberMark {
  number: NamedNumber;
  /** The company number of the message before, when it was another one. */
  previousNumber: NamedNumber | null;
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
 * Each number takes its name from `numbers`, the company's inbox numbers;
 * a number the company no longer has is shown without one. Only loaded
 * messages count: a thread whose earlier pages used another number shows
 * the numbers once those pages load. `messages` is oldest first.
 */
export function businessNumberMarks(
  messages: Message[],
  numbers: InboxNumber[],
): Map<string, BusinessNumberMark> | null {
  const phoneNumbers = messages.map(businessNumberOf);
  if (new Set(phoneNumbers).size < 2) return null;

  const names = new Map(numbers.map((number) => [number.phoneNumber, number]));
  const named = (phoneNumber: string): NamedNumber => ({
    phoneNumber,
    name: names.get(phoneNumber)?.name ?? null,
  });
  const marks = new Map<string, BusinessNumberMark>();
  let previous: string | null = null;
  for (const message of messages) {
    const phoneNumber = businessNumberOf(message);
    marks.set(message.id, {
      number: named(phoneNumber),
      previousNumber:
        previous === null || previous === phoneNumber ? null : named(previous),
    });
    previous = phoneNumber;
  }

  return marks;
}

/**
 * Returns the text a message's meta line shows for its company number,
 * such as "via Repairs · +1 415 555 0111".
 */
export function businessNumberText(mark: BusinessNumberMark): string {
  return `via ${inboxNumberLabel(mark.number)}`;
}

/**
 * Returns the tooltip of a message's company number: the number it was
 * sent from or received on, and the number of the message before when
 * that was another one.
 */
export function describeBusinessNumber(
  direction: MessageDirection,
  mark: BusinessNumberMark,
): string {
  const number = inboxNumberLabel(mark.number);
  const used =
    direction === "outbound" ? `Sent from ${number}` : `Received on ${number}`;
  if (mark.previousNumber === null) return used;

  return `${used}. The message before used ${inboxNumberLabel(mark.previousNumber)}.`;
}
