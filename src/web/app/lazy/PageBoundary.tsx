import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { Component, Suspense, type ReactNode } from "react";
import { LoadingState } from "../../components/LoadingState";
import { useRouter } from "../router/routerContext";
import { PageLoadError } from "./lazyPage";

/**
 * Shows the loading state while a lazy page's code downloads, and a reload
 * prompt when the download fails. Other errors pass on unchanged.
 */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useRouter();

  return (
    <PageLoadErrorBoundary pathname={pathname}>
      <Suspense fallback={<LoadingState />}>{children}</Suspense>
    </PageLoadErrorBoundary>
  );
}

interface BoundaryProps {
  pathname: string;
  children: ReactNode;
}

interface BoundaryState {
  failure: {
    error: unknown;
    /** The path shown when it failed; a new path clears the failure. */
    pathname: string | null;
  } | null;
}

class PageLoadErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failure: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failure: { error, pathname: null } };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): BoundaryState | null {
    const { failure } = state;
    if (failure === null) return null;
    if (failure.pathname === null) {
      return { failure: { ...failure, pathname: props.pathname } };
    }
    if (failure.pathname !== props.pathname) return { failure: null };

    return null;
  }

  override render() {
    const { failure } = this.state;
    if (failure === null) return this.props.children;
    // Any other error goes on to the next error boundary up.
    if (!(failure.error instanceof PageLoadError)) throw failure.error;

    return <PageLoadFailed />;
  }
}

function PageLoadFailed() {
  return (
    <Box sx={{ flex: 1, maxWidth: 560, mx: "auto", p: 4 }}>
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={() => window.location.reload()}>
            Reload
          </Button>
        }
      >
        <AlertTitle>This page could not be loaded</AlertTitle>
        The app may have been updated since this tab opened it, or the
        connection dropped. Reload to get the current version.
      </Alert>
    </Box>
  );
}
