import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { LoadingState } from "../components/LoadingState";
import { useAuth } from "./auth/authContext";
import { PageBoundary } from "./lazy/PageBoundary";
import { PluginsProvider } from "./plugins/PluginsProvider";
import { PublicRoutes } from "./PublicRoutes";
import { AppShell } from "./shell/AppShell";
import { SignedInRoutes } from "./SignedInRoutes";

/** Chooses the pages by session: loading, signed out or signed in. */
export function AppRoutes() {
  const { state, reload } = useAuth();

  switch (state.status) {
    case "loading":
      return <LoadingState />;
    case "failed":
      return (
        <Box component="main" sx={{ maxWidth: 560, mx: "auto", p: 4 }}>
          <Alert
            severity="error"
            action={<Button onClick={() => void reload()}>Try again</Button>}
          >
            {state.message}
          </Alert>
        </Box>
      );
    case "signedOut":
      return (
        <PageBoundary>
          <PublicRoutes needsSetup={state.needsSetup} />
        </PageBoundary>
      );
    case "signedIn":
      return (
        <PluginsProvider>
          <AppShell>
            <PageBoundary>
              <SignedInRoutes />
            </PageBoundary>
          </AppShell>
        </PluginsProvider>
      );
  }
}
