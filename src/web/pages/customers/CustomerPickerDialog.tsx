import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useId, useState } from "react";
import type { Customer } from "../../../common/api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { customerNumberText, hasOtherNumber } from "./numberMismatch";
import { useCustomerSearch } from "./useCustomerSearch";

/** Results shown at once; typing more narrows them. */
const RESULT_LIMIT = 20;

interface CustomerPickerDialogProps {
  title: string;
  /** The number being linked; customers with another number are marked. */
  conversationNumber?: string;
  onPick(customer: Customer): void;
  onClose(): void;
}

/** Finds a customer by name or number as the user types. */
export function CustomerPickerDialog(props: CustomerPickerDialogProps) {
  const { title, conversationNumber, onPick, onClose } = props;
  const titleId = useId();
  const [text, setText] = useState("");
  const search = useCustomerSearch(text, RESULT_LIMIT);

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="xs"
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          autoFocus
          type="search"
          label="Search customers"
          placeholder="Name or phone number"
          value={text}
          onChange={(event) => setText(event.target.value)}
          sx={{ mt: 1 }}
        />
        <ErrorAlert error={search.error} sx={{ mt: 2 }} />
        <List aria-label="Matching customers" aria-busy={search.loading} dense>
          {search.customers.map((customer) => (
            <ListItemButton key={customer.id} onClick={() => onPick(customer)}>
              <ListItemText
                primary={customer.name}
                secondary={candidateNumber(customer, conversationNumber)}
              />
            </ListItemButton>
          ))}
        </List>
        {!search.loading && search.customers.length === 0 && (
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            No customer matches.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}

function candidateNumber(
  customer: Customer,
  conversationNumber: string | undefined,
): string {
  const number = customerNumberText(customer);
  if (conversationNumber === undefined) return number;

  return hasOtherNumber(customer, conversationNumber)
    ? `${number} (a different number)`
    : `${number} (this conversation's number)`;
}
