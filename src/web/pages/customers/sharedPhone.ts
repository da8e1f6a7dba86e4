import type { Customer } from "../../../common/api";
import {
  MAX_LISTED_NAMES,
  sharedPhoneSentence,
} from "../../../common/shared-phone";
import type { ApiError } from "../../api/ApiError";

/**
 * Returns the customers that already have the number when the save was
 * rejected for it ("phone_on_file"), or null for any other outcome.
 */
export function customersSharingPhone(
  error: ApiError | null,
): Customer[] | null {
  if (error?.code !== "phone_on_file") return null;

  return error.customers ?? [];
}

/**
 * States who already has the number, such as "Carla Gomez already has
 * +1 415 555 0177."
 */
export function sharedPhoneWarning(customers: readonly Customer[]): string {
  const [first] = customers;
  if (!first) return "Another customer already has this number.";

  const names = customers.map((customer) => customer.name);

  return sharedPhoneSentence(names, first.phoneE164 ?? first.phone);
}

/** Returns the customers the warning offers to open, the first few only. */
export function customersToOpen(customers: readonly Customer[]): Customer[] {
  return customers.slice(0, MAX_LISTED_NAMES);
}
