import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useCallback, useState, type FormEvent } from "react";
import type { InvitationInfo } from "../../../common/admin-api";
import { ApiError, fieldError } from "../../api/ApiError";
import { invitationsApi } from "../../api/admin";
import { useAuth } from "../../app/auth/authContext";
import { useRouter } from "../../app/router/routerContext";
import { AuthLayout } from "../../components/AuthLayout";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { formatFullTime } from "../../format/time";
import { useApi } from "../../hooks/useApi";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useSubmit } from "../../hooks/useSubmit";

const fields = ["password"] as const;

/**
 * Opens an invite link: the invited staff member chooses a password and is
 * signed in. A used, expired or unknown link shows why it does not work.
 */
export function InvitePage({ token }: { token: string }) {
  useDocumentTitle("Accept invitation");
  const invitation = useApi(
    useCallback(() => invitationsApi.get(token), [token]),
  );

  if (invitation.data) {
    return <AcceptForm token={token} invitation={invitation.data} />;
  }
  if (invitation.error) return <InvalidInvitation error={invitation.error} />;

  return <LoadingState />;
}

function InvalidInvitation({ error }: { error: ApiError }) {
  const title =
    error.code === "invitation_used"
      ? "Invitation already used"
      : "Invitation not valid";

  return (
    <AuthLayout title={title} description="This invite link cannot be used.">
      <Stack spacing={2.5}>
        <Alert severity="warning">{error.message}</Alert>
        <Button href="/login" variant="outlined">
          Go to sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}

function AcceptForm(props: { token: string; invitation: InvitationInfo }) {
  const { token, invitation } = props;
  const { signIn } = useAuth();
  const { navigate } = useRouter();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const { run, pending, error } = useSubmit();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const matches = password === confirmation;
    setMismatch(!matches);
    if (!matches) return;

    void run(async () => {
      const me = await invitationsApi.accept(token, { password });
      signIn(me);
      navigate("/", { replace: true });
    });
  };

  const description =
    `${invitation.companyName} invited you, ${invitation.staffName}, ` +
    `to its team inbox. Choose a password to finish setting up your account.`;

  return (
    <AuthLayout title="Join your team" description={description}>
      <Stack component="form" spacing={2.5} onSubmit={handleSubmit} noValidate>
        <FormErrorAlert error={error} fields={fields} />
        <TextField
          label="Email"
          value={invitation.email}
          slotProps={{ htmlInput: { readOnly: true } }}
          autoComplete="username"
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(error, "password") !== undefined}
          helperText={
            fieldError(error, "password") ?? "At least 10 characters."
          }
        />
        <TextField
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={mismatch}
          helperText={mismatch ? "The two passwords are different." : " "}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          loading={pending}
        >
          Set password and sign in
        </Button>
        <Typography variant="body2" color="text.secondary">
          This link works until {formatFullTime(invitation.expiresAt)}.
        </Typography>
      </Stack>
    </AuthLayout>
  );
}
