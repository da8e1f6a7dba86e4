import { getCountries } from "libphonenumber-js";
import { z } from "zod";

const countries: ReadonlySet<string> = new Set(getCountries());

/** ISO 3166-1 alpha-2 code of a country that libphonenumber-js has metadata for. */
export const CountryCodeSchema = z
  .string("Enter the country as a two-letter code such as US.")
  .trim()
  .toUpperCase()
  .refine(
    (code) => countries.has(code),
    "Use a two-letter ISO 3166-1 country code such as US, GB or DE.",
  );

export const CompanyNameSchema = z
  .string("Enter the company name.")
  .trim()
  .min(1, "Enter the company name.")
  .max(100, "Use at most 100 characters for the company name.");

export const CompanyUpdateSchema = z.strictObject({
  name: CompanyNameSchema.optional(),
  country: CountryCodeSchema.optional(),
});

export type CompanyUpdateReq = z.infer<typeof CompanyUpdateSchema>;
