import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import type { SxProps, Theme } from "@mui/material/styles";
import type { ApiError } from "../api/ApiError";

interface ErrorAlertProps {
  error: ApiError | null;
  onRetry?: () => void;
  sx?: SxProps<Theme>;
}

/** Shows the server's message for a failed request, with an optional retry. */
export function ErrorAlert({ error, onRetry, sx }: ErrorAlertProps) {
  if (!error) return null;

  const action = onRetry ? (
    <Button color="inherit" size="small" onClick={onRetry}>
      Try again
    </Button>
  ) : undefined;

  return (
    <Alert severity="error" action={action} sx={sx}>
      {error.message}
    </Alert>
  );
}
