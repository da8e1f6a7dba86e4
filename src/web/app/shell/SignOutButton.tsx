import LogoutIcon from "@mui/icons-material/Logout";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Snackbar from "@mui/material/Snackbar";
import { useSubmit } from "../../hooks/useSubmit";
import { useAuth } from "../auth/authContext";

/**
 * Signs out; a failed request is reported and the session stays open. On
 * phones the button shows only its icon, which leaves room for the company
 * name.
 */
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
        aria-label="Sign out"
        title="Sign out"
        sx={{
          borderColor: "divider",
          minWidth: 0,
          // The icon keeps MUI's default margins only next to the label.
          "& .MuiButton-startIcon": {
            mr: { xs: 0, sm: 1 },
            ml: { xs: 0, sm: -0.5 },
          },
        }}
      >
        <Box component="span" sx={{ display: { xs: "none", sm: "inline" } }}>
          Sign out
        </Box>
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
