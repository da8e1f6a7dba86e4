import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import type { AvailableNumbers } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";

type Option = AvailableNumbers["numbers"][number];

interface NumberPickerProps {
  options: Option[];
  loading: boolean;
  value: string;
  onChange(phoneNumber: string): void;
  error?: string;
}

/**
 * Renders a phone number field that suggests the Twilio account's numbers.
 * It also accepts any typed number, because the list can fail to load.
 */
export function NumberPicker(props: NumberPickerProps) {
  const { options, loading, value, onChange, error } = props;
  let helper =
    "A number on your connected Twilio account, such as +14155550100.";
  if (loading) {
    helper = "Loading the numbers on your Twilio account…";
  } else if (options.length > 0) {
    helper = "Pick one of your Twilio account's numbers, or type one.";
  }

  return (
    <Autocomplete
      freeSolo
      fullWidth
      options={options}
      loading={loading}
      inputValue={value}
      onInputChange={(_event, text) => onChange(text)}
      getOptionLabel={(option) =>
        typeof option === "string" ? option : option.phoneNumber
      }
      renderOption={({ key, ...optionProps }, option) => (
        <Box component="li" key={key} {...optionProps}>
          <Box>
            <Typography>{formatPhoneNumber(option.phoneNumber)}</Typography>
            <Typography variant="body2" color="text.secondary">
              {option.friendlyName}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Phone number"
          error={error !== undefined}
          helperText={error ?? helper}
        />
      )}
    />
  );
}
