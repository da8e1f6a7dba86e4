import Checkbox from "@mui/material/Checkbox";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import type { Location } from "../../../../common/api";

interface LocationCheckboxesProps {
  locations: Location[];
  selected: string[];
  onChange(selected: string[]): void;
  error?: string | undefined;
}

function helpText(selectedCount: number): string {
  return selectedCount === 0
    ? "With no location, they cannot see the inbox."
    : "They see the inbox at locations where it is enabled.";
}

/** Chooses the locations a staff member works at. */
export function LocationCheckboxes(props: LocationCheckboxesProps) {
  const { locations, selected, onChange, error } = props;

  const toggle = (id: string, checked: boolean) => {
    onChange(
      checked ? [...selected, id] : selected.filter((other) => other !== id),
    );
  };

  return (
    <FormControl component="fieldset" error={error !== undefined}>
      <FormLabel component="legend">Works at</FormLabel>
      <FormGroup>
        {locations.map((location) => (
          <FormControlLabel
            key={location.id}
            label={location.name}
            control={
              <Checkbox
                checked={selected.includes(location.id)}
                onChange={(event) => toggle(location.id, event.target.checked)}
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{error ?? helpText(selected.length)}</FormHelperText>
    </FormControl>
  );
}
