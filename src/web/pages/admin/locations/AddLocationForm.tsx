import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../../api/ApiError";
import { locationsApi } from "../../../api/admin";
import { FormErrorAlert } from "../../../components/FormErrorAlert";
import { useSubmit } from "../../../hooks/useSubmit";

const fields = ["name"] as const;

/** Adds a location by name. */
export function AddLocationForm({ onAdded }: { onAdded(): void }) {
  const [name, setName] = useState("");
  const { run, pending, error } = useSubmit();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await locationsApi.create({ name });
      setName("");
      onAdded();
    });
  };

  return (
    <Stack component="form" spacing={2} onSubmit={handleSubmit} noValidate>
      <FormErrorAlert error={error} fields={fields} />
      <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
        <TextField
          label="New location"
          size="small"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(error, "name") !== undefined}
          helperText={fieldError(error, "name")}
          sx={{ flex: 1 }}
        />
        <Button type="submit" variant="contained" loading={pending}>
          Add location
        </Button>
      </Stack>
    </Stack>
  );
}
