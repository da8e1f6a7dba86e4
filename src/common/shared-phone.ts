import { formatPhoneNumber } from "./phone.js";

/** Maximum count of names a shared-number sentence lists before "others". */
export const MAX_LISTED_NAMES = 3;

/**
 * States who already has a number, such as "Carla Gomez already has
 * +1 415 555 0177." Lists at most MAX_LISTED_NAMES names and counts the
 * rest as other customers.
 */
export function sharedPhoneSentence(
  names: readonly string[],
  phoneE164: string,
): string {
  const listed = names.slice(0, MAX_LISTED_NAMES);
  const others = names.length - listed.length;
  if (others === 1) listed.push("1 other customer");
  if (others > 1) listed.push(`${others} other customers`);

  const owners =
    listed.length === 1
      ? listed[0]
      : `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
  const verb = names.length === 1 ? "has" : "have";

  return `${owners} already ${verb} ${formatPhoneNumber(phoneE164)}.`;
}
