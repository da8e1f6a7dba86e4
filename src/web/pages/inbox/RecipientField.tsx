import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import type { Customer } from "../../../common/api";
import { customerNumberText } from "../customers/numberMismatch";
import { isSameCustomer, recipientOptionKey } from "./recipientOptions";
import { useRecipientSuggestions } from "./useRecipientSuggestions";

interface RecipientFieldProps {
  /** The text of the field: a number, or part of a name while searching. */
  value: string;
  /** The customer picked from the suggestions, until the text changes. */
  picked: Customer | null;
  onChange(value: string, picked: Customer | null): void;
  error: string | undefined;
}

const help =
  "A phone number, or part of a customer's name to search for. " +
  "Local numbers are read in your company's country.";

/**
 * Renders the "To" field of a new conversation. It takes a typed number or
 * suggests customers by name or number, and picking one fills in its number.
 */
export function RecipientField(props: RecipientFieldProps) {
  const { value, picked, onChange, error } = props;
  const suggestions = useRecipientSuggestions(picked ? "" : value);

  return (
    <Autocomplete
      freeSolo
      fullWidth
      options={suggestions.customers}
      loading={suggestions.loading}
      filterOptions={(options) => options}
      inputValue={value}
      onInputChange={(_event, text, reason) => {
        // Picking an option also reports its label; onChange handles that.
        if (reason !== "input" && reason !== "clear") return;

        onChange(text, null);
      }}
      onChange={(_event, option) => {
        if (option === null || typeof option === "string") return;

        onChange(option.phoneE164 ?? option.phone, option);
      }}
      getOptionKey={recipientOptionKey}
      isOptionEqualToValue={isSameCustomer}
      getOptionLabel={(option) =>
        typeof option === "string" ? option : (option.phoneE164 ?? option.phone)
      }
      renderOption={({ key, ...optionProps }, customer) => (
        <Box component="li" key={key} {...optionProps}>
          <Box>
            <Typography>{customer.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              {customerNumberText(customer)}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="To"
          autoFocus
          required
          error={error !== undefined}
          helperText={error ?? (picked ? `Texting ${picked.name}.` : help)}
        />
      )}
    />
  );
}
