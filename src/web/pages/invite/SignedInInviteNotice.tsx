import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useAuth, useMe } from "../../app/auth/authContext";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { useSubmit } from "../../hooks/useSubmit";

/**
 * Shown when a signed-in staff member opens an invite link. Signing out
 * leaves the browser on the same link, which then shows the invite page.
 */
export function SignedInInviteNotice() {
  useDocumentTitle("Accept invitation");
  const me = useMe();
  const { signOut } = useAuth();
  const { run, pending, error } = useSubmit();

  return (
    <PageContainer>
      <PageHeader title="Accept invitation" />
      <Stack spacing={2} sx={{ alignItems: "flex-start" }}>
        <Alert severity="info">
          You are signed in as {me.staff.name} ({me.staff.email}). This invite
          link sets up another account. Sign out to accept it here.
        </Alert>
        {error && <Alert severity="error">{error.message}</Alert>}
        <Button
          variant="contained"
          loading={pending}
          onClick={() => void run(signOut)}
        >
          Sign out to accept
        </Button>
      </Stack>
    </PageContainer>
  );
}
