import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../api/ApiError";
import { authApi } from "../../api/auth";
import { useAuth } from "../../app/auth/authContext";
import { AuthLayout } from "../../components/AuthLayout";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useSubmit } from "../../hooks/useSubmit";

const fields = ["email", "password"] as const;

/** Email and password sign-in; the router then opens the requested page. */
export function LoginPage() {
  const { signIn } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { run, pending, error } = useSubmit();
  useDocumentTitle("Sign in");

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => signIn(await authApi.login({ email, password })));
  };

  return (
    <AuthLayout title="Sign in" description="Sign in to your team's inbox.">
      <Stack component="form" spacing={2.5} onSubmit={handleSubmit} noValidate>
        <FormErrorAlert error={error} fields={fields} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(error, "email") !== undefined}
          helperText={fieldError(error, "email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(error, "password") !== undefined}
          helperText={fieldError(error, "password")}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          loading={pending}
        >
          Sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}
