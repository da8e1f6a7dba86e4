let regionNames: Intl.DisplayNames | null = null;

/**
 * Returns the English name of an ISO 3166-1 alpha-2 country code, such as
 * "United States" for "us", for messages that name the company's country.
 * Returns the upper-case code when the runtime has no name for it.
 */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  regionNames ??= new Intl.DisplayNames(["en"], { type: "region" });
  try {
    return regionNames.of(upper) ?? upper;
  } catch {
    // DisplayNames throws a RangeError for a code that is not well-formed.
    return upper;
  }
}
