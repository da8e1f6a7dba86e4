import type { Customer } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";

/** Returns the customer's number for display, formatted when it is E.164. */
export function customerNumberText(customer: Customer): string {
  return customer.phoneE164
    ? formatPhoneNumber(customer.phoneE164)
    : customer.phone;
}

/**
 * Returns true when the customer's stored number is not the conversation's
 * number. A customer whose number could not be read counts as different.
 */
export function hasOtherNumber(
  customer: Customer,
  conversationNumber: string,
): boolean {
  return customer.phoneE164 !== conversationNumber;
}

/** Explains what linking a customer with another number does. */
export function otherNumberWarning(
  customer: Customer,
  conversationNumber: string,
): string {
  const conversation = formatPhoneNumber(conversationNumber);

  return `This conversation is with ${conversation}, but ${customer.name}'s number is ${customerNumberText(customer)}. The conversation will show ${customer.name} as the customer, and replies still go to ${conversation}.`;
}
