import type { SxProps, Theme } from "@mui/material/styles";
import { isFormLevelError, type ApiError } from "../api/ApiError";
import { ErrorAlert } from "./ErrorAlert";

interface FormErrorAlertProps {
  error: ApiError | null;
  /** Fields that show their own errors; an error on one of them is not repeated. */
  fields: readonly string[];
  sx?: SxProps<Theme>;
}

/** Shows a form's error unless a field of the form already shows it. */
export function FormErrorAlert({ error, fields, sx }: FormErrorAlertProps) {
  if (!error || !isFormLevelError(error, fields)) return null;

  return <ErrorAlert error={error} sx={sx} />;
}
