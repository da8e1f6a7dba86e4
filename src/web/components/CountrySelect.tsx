import TextField from "@mui/material/TextField";
import { countryOptions } from "./countries";

interface CountrySelectProps {
  value: string;
  onChange(country: string): void;
  error?: string;
  disabled?: boolean;
}

/**
 * Renders a native select of countries. The company's country decides how
 * phone numbers written without a country code are read.
 */
export function CountrySelect(props: CountrySelectProps) {
  const { value, onChange, error, disabled } = props;

  return (
    <TextField
      select
      label="Country"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled}
      error={error !== undefined}
      helperText={
        error ??
        "Numbers written without a country code are read as numbers in this country."
      }
      slotProps={{ select: { native: true } }}
    >
      {countryOptions().map((country) => (
        <option key={country.code} value={country.code}>
          {country.label}
        </option>
      ))}
    </TextField>
  );
}
