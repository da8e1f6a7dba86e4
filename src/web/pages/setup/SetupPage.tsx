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
import { MIN_PASSWORD_LENGTH } from "../../components/passwordRules";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useSubmit } from "../../hooks/useSubmit";
import { setupFieldErrors, type SetupFieldErrors } from "./setupErrors";

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
  const [invalid, setInvalid] = useState<SetupFieldErrors>({});
  const { run, pending, error } = useSubmit();
  useDocumentTitle("Set up");

  const update = (field: keyof SetupRequest) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _fixed, ...others }) => others);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = setupFieldErrors(form);
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;

    void run(async () => {
      signIn(await authApi.setup(form));
      navigate("/settings", { replace: true });
    });
  };

  // A field shows its own check's message first, then the server's.
  const messageOf = (field: keyof SetupRequest) =>
    invalid[field] ?? fieldError(error, field);

  const textProps = (field: keyof SetupRequest) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) =>
      update(field)(event.target.value),
    error: messageOf(field) !== undefined,
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
          helperText={messageOf("companyName")}
          {...textProps("companyName")}
        />
        <CountrySelect
          value={form.country}
          onChange={update("country")}
          error={messageOf("country")}
        />
        <Divider />
        <TextField
          label="Your name"
          autoComplete="name"
          helperText={messageOf("ownerName")}
          {...textProps("ownerName")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          helperText={messageOf("ownerEmail")}
          {...textProps("ownerEmail")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          helperText={
            messageOf("password") ??
            `At least ${MIN_PASSWORD_LENGTH} characters.`
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
