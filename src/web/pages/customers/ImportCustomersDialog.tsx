import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useId, useRef, useState, type ChangeEvent } from "react";
import type {
  CustomerImportPreview,
  CustomerImportResult,
} from "../../../common/customer-api";
import { customerApi } from "../../api/customers";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";
import { ImportRowsTable } from "./ImportRowsTable";
import { importButtonLabel, previewSummary, resultSummary } from "./importText";

type Step =
  | { kind: "choose" }
  | { kind: "preview"; file: File; preview: CustomerImportPreview }
  | { kind: "done"; result: CustomerImportResult };

interface ImportCustomersDialogProps {
  onImported(): void;
  onClose(): void;
}

/**
 * Imports customers from a CSV file in two steps: a preview that shows
 * every row's result, then the import, which reports the rows left out.
 */
export function ImportCustomersDialog(props: ImportCustomersDialogProps) {
  const { onImported, onClose } = props;
  const titleId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const { run, pending, error, clearError } = useSubmit();

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;

    void run(async () => {
      const preview = await customerApi.previewImport(file);
      setStep({ kind: "preview", file, preview });
    });
  };

  const handleImport = (file: File) => {
    void run(async () => {
      const result = await customerApi.commitImport(file);
      setStep({ kind: "done", result });
      onImported();
    });
  };

  const chooseFile = () => {
    clearError();
    fileInput.current?.click();
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>Import customers from CSV</DialogTitle>
      <DialogContent>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          hidden
          aria-label="CSV file"
          onChange={handleFile}
        />
        <ErrorAlert error={error} sx={{ mb: 2 }} />
        {step.kind === "choose" && <ChooseStep />}
        {step.kind === "preview" && (
          <PreviewStep preview={step.preview} file={step.file} />
        )}
        {step.kind === "done" && <DoneStep result={step.result} />}
      </DialogContent>
      <DialogActions>
        {step.kind === "done" ? (
          <Button variant="contained" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button onClick={chooseFile} disabled={pending}>
              {step.kind === "choose"
                ? "Choose CSV file"
                : "Choose another file"}
            </Button>
            {step.kind === "preview" && (
              <Button
                variant="contained"
                loading={pending}
                disabled={step.preview.counts.valid === 0}
                onClick={() => handleImport(step.file)}
              >
                {importButtonLabel(step.preview.counts.valid)}
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function ChooseStep() {
  return (
    <DialogContentText component="div">
      <Typography sx={{ mb: 1 }}>
        The first row must name the columns: a name column (name, full name, or
        first name and last name) and a phone column (phone, phone number,
        mobile or number). Columns may be separated by commas, semicolons or
        tabs.
      </Typography>
      <Typography>
        Numbers may be in any format. Local numbers are read in your company's
        country. Up to 10,000 rows or 2 MB per file.
      </Typography>
    </DialogContentText>
  );
}

function PreviewStep(props: { preview: CustomerImportPreview; file: File }) {
  const { preview, file } = props;
  const { counts, columns } = preview;

  return (
    <Stack spacing={2}>
      <Typography>{previewSummary(file.name, counts)}</Typography>
      <Typography variant="body2" color="text.secondary">
        {`Name column: "${columns.name}". Phone column: "${columns.phone}".`}
      </Typography>
      <ImportRowsTable rows={preview.rows} label="Import preview" />
    </Stack>
  );
}

function DoneStep({ result }: { result: CustomerImportResult }) {
  return (
    <Stack spacing={2}>
      <Alert severity={result.rejected.length > 0 ? "warning" : "success"}>
        {resultSummary(result)}
      </Alert>
      {result.rejected.length > 0 && (
        <ImportRowsTable rows={result.rejected} label="Skipped rows" />
      )}
      {result.noted.length > 0 && (
        <ImportRowsTable
          rows={result.noted}
          label="Rows imported with a change"
        />
      )}
    </Stack>
  );
}
