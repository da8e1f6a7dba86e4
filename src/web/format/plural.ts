/**
 * Formats a count with its noun in English, singular for exactly 1:
 * "1 customer", "0 customers", "1,200 customers".
 */
export function formatCount(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  const noun = count === 1 ? singular : plural;

  return `${count.toLocaleString("en-US")} ${noun}`;
}
