import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import type { Company } from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { companyApi } from "../../api/company";
import { useAuth } from "../../app/auth/authContext";
import { CountrySelect } from "../../components/CountrySelect";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { SavedNotice } from "../../components/SavedNotice";
import { useSubmit } from "../../hooks/useSubmit";

const fields = ["name", "country"] as const;

/** Edits the company name and country. */
export function CompanyForm({ company }: { company: Company }) {
  const { reload } = useAuth();
  const [name, setName] = useState(company.name);
  const [country, setCountry] = useState(company.country);
  const [saved, setSaved] = useState(false);
  const { run, pending, error } = useSubmit();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      const updated = await companyApi.update({ name, country });
      setName(updated.name);
      setCountry(updated.country);
      setSaved(true);
      // The top bar shows the company name from the session.
      await reload();
    });
  };

  return (
    <Stack component="form" spacing={2.5} onSubmit={handleSubmit} noValidate>
      <FormErrorAlert error={error} fields={fields} />
      <TextField
        label="Company name"
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(error, "name") !== undefined}
        helperText={fieldError(error, "name")}
      />
      <CountrySelect
        value={country}
        onChange={setCountry}
        error={fieldError(error, "country")}
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Button type="submit" variant="contained" loading={pending}>
          Save
        </Button>
        <SavedNotice show={saved && !pending} />
      </Stack>
    </Stack>
  );
}
