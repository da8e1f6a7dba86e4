import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId, useState, type FormEvent } from "react";
import { fieldError } from "../../api/ApiError";
import { passwordApi } from "../../api/password";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { MIN_PASSWORD_LENGTH } from "../../components/passwordRules";
import { useSubmit } from "../../hooks/useSubmit";
import { passwordFormErrors, type PasswordFormErrors } from "./passwordForm";

const fields = ["currentPassword", "newPassword"] as const;

interface ChangePasswordDialogProps {
  onClose(): void;
  /** Called after the server accepted the new password. */
  onChanged(): void;
}

/** Asks for the current password and a new one, typed twice. */
export function ChangePasswordDialog(props: ChangePasswordDialogProps) {
  const titleId = useId();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [invalid, setInvalid] = useState<PasswordFormErrors>({});
  const { run, pending, error } = useSubmit();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = { currentPassword, newPassword, confirmation };
    const problems = passwordFormErrors(form);
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;

    void run(async () => {
      await passwordApi.change({ currentPassword, newPassword });
      props.onChanged();
    });
  };

  const currentError =
    invalid.currentPassword ?? fieldError(error, "currentPassword");
  const newError = invalid.newPassword ?? fieldError(error, "newPassword");

  return (
    <Dialog
      open
      onClose={pending ? undefined : props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="xs"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>Change password</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <DialogContentText>
              Your other devices and browsers will be signed out.
            </DialogContentText>
            <FormErrorAlert error={error} fields={fields} />
            <TextField
              label="Current password"
              type="password"
              autoComplete="current-password"
              autoFocus
              required
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
              error={currentError !== undefined}
              helperText={currentError}
            />
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
              error={newError !== undefined}
              helperText={
                newError ?? `At least ${MIN_PASSWORD_LENGTH} characters.`
              }
            />
            <TextField
              label="Repeat new password"
              type="password"
              autoComplete="new-password"
              required
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              error={invalid.confirmation !== undefined}
              helperText={invalid.confirmation}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            Change password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
