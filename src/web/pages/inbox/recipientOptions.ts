import type { Customer } from "../../../common/api";

/**
 * Returns the React key of a "To" option. Customers can share a phone
 * number, so a customer is keyed by id, and a typed number by its text.
 */
export function recipientOptionKey(option: Customer | string): string {
  return typeof option === "string"
    ? `text:${option}`
    : `customer:${option.id}`;
}

/**
 * Returns whether `option` is the selected value, meaning the same customer
 * by id. A typed text never equals a customer option.
 */
export function isSameCustomer(
  option: Customer,
  value: Customer | string,
): boolean {
  return typeof value !== "string" && option.id === value.id;
}

/** Suggestions loaded for one search text. */
export interface SuggestionResult {
  query: string;
  customers: Customer[];
}

/**
 * Returns the suggestions to show for `query`: those loaded for exactly
 * that text, each customer once. Results of any other text are stale, so
 * none are shown until the search for `query` returns.
 */
export function suggestionsFor(
  result: SuggestionResult | null,
  query: string,
): Customer[] {
  if (result === null || result.query !== query) return [];

  const seen = new Set<string>();

  return result.customers.filter((customer) => {
    if (seen.has(customer.id)) return false;

    seen.add(customer.id);

    return true;
  });
}
