import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import { useState } from "react";
import type { Location } from "../../../../common/api";
import { fieldError } from "../../../api/ApiError";
import { locationsApi } from "../../../api/admin";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useSubmit } from "../../../hooks/useSubmit";

interface LocationRowProps {
  location: Location;
  staffCount: number;
  /** Whether SMS Inbox is enabled here; null when it is not installed. */
  inboxEnabled: boolean | null;
  onToggleInbox(enabled: boolean): Promise<void>;
  onChanged(): void;
}

/** Shows one location with rename, delete and the SMS Inbox switch. */
export function LocationRow(props: LocationRowProps) {
  const { location, staffCount, inboxEnabled } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(location.name);
  const [deleting, setDeleting] = useState(false);
  const rename = useSubmit();
  const removal = useSubmit();
  const toggle = useSubmit();

  const saveName = () =>
    void rename.run(async () => {
      await locationsApi.rename(location.id, { name });
      setRenaming(false);
      props.onChanged();
    });

  const confirmDelete = () =>
    void removal.run(async () => {
      await locationsApi.remove(location.id);
      setDeleting(false);
      props.onChanged();
    });

  return (
    <TableRow>
      <TableCell>
        {renaming ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
            <TextField
              size="small"
              label="Name"
              value={name}
              autoFocus
              onChange={(event) => setName(event.target.value)}
              error={rename.error !== null}
              helperText={
                fieldError(rename.error, "name") ?? rename.error?.message
              }
            />
            <Button onClick={saveName} loading={rename.pending}>
              Save
            </Button>
            <Button
              onClick={() => {
                setRenaming(false);
                setName(location.name);
                rename.clearError();
              }}
            >
              Cancel
            </Button>
          </Stack>
        ) : (
          location.name
        )}
      </TableCell>
      <TableCell>{staffCount}</TableCell>
      <TableCell>
        {inboxEnabled === null ? (
          "Not installed"
        ) : (
          <FormControlLabel
            label={inboxEnabled ? "Enabled" : "Off"}
            control={
              <Switch
                checked={inboxEnabled}
                disabled={toggle.pending}
                onChange={(event) => {
                  const enabled = event.target.checked;
                  void toggle.run(() => props.onToggleInbox(enabled));
                }}
                slotProps={{
                  input: { "aria-label": `SMS Inbox at ${location.name}` },
                }}
              />
            }
          />
        )}
        <ErrorAlert error={toggle.error} />
      </TableCell>
      <TableCell align="right">
        {!renaming && (
          <Button size="small" onClick={() => setRenaming(true)}>
            Rename
          </Button>
        )}
        <Button
          size="small"
          color="error"
          onClick={() => setDeleting(true)}
          aria-label={`Delete ${location.name}`}
        >
          Delete
        </Button>
        <ConfirmDialog
          open={deleting}
          title={`Delete ${location.name}?`}
          confirmLabel="Delete"
          pending={removal.pending}
          error={removal.error}
          onConfirm={confirmDelete}
          onClose={() => {
            setDeleting(false);
            removal.clearError();
          }}
        >
          Staff who work here lose this location, and plugins stop being enabled
          here. Conversations are kept. A location where some active staff
          members work and nowhere else cannot be deleted; move them first.
        </ConfirmDialog>
      </TableCell>
    </TableRow>
  );
}
