import type { Customer } from "../../../common/api";
import { customerNumberText } from "./numberMismatch";

/** Explains what deleting the customer keeps, naming their number. */
export function deleteCustomerText(customer: Customer): string {
  return `The customer is removed from the list. Conversations with ${customerNumberText(customer)} and their messages stay in the inbox, shown by number.`;
}
