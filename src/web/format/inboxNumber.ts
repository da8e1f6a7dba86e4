import { formatPhoneNumber } from "../../common/phone";

/**
 * Returns how the app names an inbox number in lists and menus: its name
 * and formatted number, such as "Shop line · +1 415 555 0111", or the
 * formatted number alone when it has no name.
 */
export function inboxNumberLabel(number: {
  phoneNumber: string;
  name: string | null;
}): string {
  const formatted = formatPhoneNumber(number.phoneNumber);

  return number.name ? `${number.name} · ${formatted}` : formatted;
}
