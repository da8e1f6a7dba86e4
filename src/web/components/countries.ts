import { getCountries, getCountryCallingCode } from "libphonenumber-js";

export interface CountryOption {
  /** ISO 3166-1 alpha-2 code, such as "US". */
  code: string;
  /** English name with the calling code, such as "United States (+1)". */
  label: string;
}

let cached: CountryOption[] | null = null;

/** Countries that phone numbers can be read in, sorted by name. */
export function countryOptions(): CountryOption[] {
  if (cached) return cached;

  const names = new Intl.DisplayNames(["en"], { type: "region" });
  cached = getCountries()
    .map((code) => ({
      code,
      label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return cached;
}

/** Guesses the visitor's country from the browser language, such as en-GB. */
export function guessCountry(): string {
  const region = new Intl.Locale(navigator.language).maximize().region;
  const known = countryOptions().some((option) => option.code === region);

  return region && known ? region : "US";
}
