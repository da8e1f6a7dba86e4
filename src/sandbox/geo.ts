export interface PhoneLocation {
  city: string;
  state: string;
  zip: string;
  country: string;
}

/** A few US area codes, enough for demo numbers to carry a location. */
const usAreaCodes: Record<string, Omit<PhoneLocation, "country">> = {
  "206": { city: "SEATTLE", state: "WA", zip: "98101" },
  "212": { city: "NEW YORK", state: "NY", zip: "10001" },
  "312": { city: "CHICAGO", state: "IL", zip: "60601" },
  "415": { city: "SAN FRANCISCO", state: "CA", zip: "94105" },
  "617": { city: "BOSTON", state: "MA", zip: "02108" },
};

/** Calling codes to ISO country codes; NANP numbers are reported as US. */
const callingCodes: [string, string][] = [
  ["+1", "US"],
  ["+33", "FR"],
  ["+44", "GB"],
  ["+49", "DE"],
  ["+61", "AU"],
];

/**
 * Returns the location Twilio's geographic lookup would report. Like Twilio,
 * it reports "" for any part it does not know.
 */
export function lookUpLocation(phoneNumber: string): PhoneLocation {
  const country =
    callingCodes.find(([code]) => phoneNumber.startsWith(code))?.[1] ?? "";
  const areaCode = country === "US" ? phoneNumber.slice(2, 5) : "";
  const known = usAreaCodes[areaCode] ?? { city: "", state: "", zip: "" };

  return { ...known, country };
}
