import LogoutIcon from "@mui/icons-material/Logout";
import Button from "@mui/material/Button";
import Snackbar from "@mui/material/Snackbar";
import { useSubmit } from "../../hooks/useSubmit";
import { useAuth } from "../auth/authContext";

/** Signs out; a failed request is reported and the session stays open. */
export function SignOutButton() {
  const { signOut } = useAuth();
  const { run, pending, error, clearError } = useSubmit();

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        startIcon={<LogoutIcon />}
        loading={pending}
        onClick={() => void run(signOut)}
        sx={{ borderColor: "divider" }}
      >
        Sign out
      </Button>
      <Snackbar
        open={error !== null}
        onClose={clearError}
        autoHideDuration={6000}
        message={error?.message}
      />
    </>
  );
}
