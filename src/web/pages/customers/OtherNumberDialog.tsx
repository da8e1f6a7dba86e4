import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import { useId } from "react";
import type { Customer } from "../../../common/api";
import { otherNumberWarning } from "./numberMismatch";

interface OtherNumberDialogProps {
  customer: Customer;
  conversationNumber: string;
  onConfirm(): void;
  /** Returns to the customer search. */
  onBack(): void;
}

/** Asks before linking a conversation to a customer with another number. */
export function OtherNumberDialog(props: OtherNumberDialogProps) {
  const { customer, conversationNumber, onConfirm, onBack } = props;
  const titleId = useId();

  return (
    <Dialog open onClose={onBack} aria-labelledby={titleId} maxWidth="xs">
      <DialogTitle id={titleId}>
        {`Link to ${customer.name}, who has a different number?`}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {otherNumberWarning(customer, conversationNumber)}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onBack}>Choose someone else</Button>
        <Button variant="contained" onClick={onConfirm}>
          Link anyway
        </Button>
      </DialogActions>
    </Dialog>
  );
}
