import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId } from "react";
import { CopyButton } from "../../../components/CopyButton";

interface InviteLinkDialogProps {
  /** The created invitation, or null while the dialog is closed. */
  invite: { name: string; url: string } | null;
  onClose(): void;
}

/** Shows a new invite link once, for the admin to copy and send. */
export function InviteLinkDialog({ invite, onClose }: InviteLinkDialogProps) {
  const titleId = useId();

  return (
    <Dialog
      open={invite !== null}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
    >
      <DialogTitle id={titleId}>Invite link for {invite?.name}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Send this link to {invite?.name} yourself, by chat or email. It lets
          them choose a password and sign in. It works once, for 7 days.
        </DialogContentText>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <TextField
            label="Invite link"
            value={invite?.url ?? ""}
            fullWidth
            slotProps={{ htmlInput: { readOnly: true } }}
          />
          <CopyButton text={invite?.url ?? ""} valueName="invite link" />
        </Stack>
        <Alert severity="info" sx={{ mt: 2 }}>
          The link is shown only now. If it gets lost, create a new one from the
          staff list; the old link then stops working.
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  );
}
