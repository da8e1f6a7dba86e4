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
import { formatPhoneNumber } from "../../../common/phone";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useCustomerSearch } from "./useCustomerSearch";

/** Results shown at once; typing more narrows them. */
const RESULT_LIMIT = 20;

interface CustomerPickerDialogProps {
  title: string;
  onPick(customer: Customer): void;
  onClose(): void;
}

/** Finds a customer by name or number as the user types. */
export function CustomerPickerDialog(props: CustomerPickerDialogProps) {
  const { title, onPick, onClose } = props;
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
                secondary={
                  customer.phoneE164
                    ? formatPhoneNumber(customer.phoneE164)
                    : customer.phone
                }
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
