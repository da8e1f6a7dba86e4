import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import type { SetupRequest } from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { authApi } from "../../api/auth";
import { useAuth } from "../../app/auth/authContext";
import { useRouter } from "../../app/router/routerContext";
import { AuthLayout } from "../../components/AuthLayout";
import { guessCountry } from "../../components/countries";
import { CountrySelect } from "../../components/CountrySelect";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useSubmit } from "../../hooks/useSubmit";

const fields = [
  "companyName",
  "country",
  "ownerName",
  "ownerEmail",
  "password",
] as const;

const pageHelp =
  "Create your company and the owner account. " +
  "You can connect Twilio next.";

/** First run: creates the company and its owner, then signs the owner in. */
export function SetupPage() {
  const { signIn } = useAuth();
  const { navigate } = useRouter();
  const [form, setForm] = useState<SetupRequest>(() => ({
    companyName: "",
    country: guessCountry(),
    ownerName: "",
    ownerEmail: "",
    password: "",
  }));
  const { run, pending, error } = useSubmit();
  useDocumentTitle("Set up");

  const update = (field: keyof SetupRequest) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      signIn(await authApi.setup(form));
      navigate("/settings", { replace: true });
    });
  };

  const textProps = (field: keyof SetupRequest) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) =>
      update(field)(event.target.value),
    error: fieldError(error, field) !== undefined,
    required: true,
  });

  return (
    <AuthLayout title="Set up your inbox" description={pageHelp}>
      <Stack component="form" spacing={2.5} onSubmit={handleSubmit} noValidate>
        <FormErrorAlert error={error} fields={fields} />
        <TextField
          label="Company name"
          autoFocus
          autoComplete="organization"
          helperText={fieldError(error, "companyName")}
          {...textProps("companyName")}
        />
        <CountrySelect
          value={form.country}
          onChange={update("country")}
          error={fieldError(error, "country")}
        />
        <Divider />
        <TextField
          label="Your name"
          autoComplete="name"
          helperText={fieldError(error, "ownerName")}
          {...textProps("ownerName")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          helperText={fieldError(error, "ownerEmail")}
          {...textProps("ownerEmail")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          helperText={
            fieldError(error, "password") ?? "At least 10 characters."
          }
          {...textProps("password")}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          loading={pending}
        >
          Create company
        </Button>
      </Stack>
    </AuthLayout>
  );
}
