import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useId, useState, type FormEvent } from "react";
import type { Customer } from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { customerApi } from "../../api/customers";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";
import {
  customersSharingPhone,
  customersToOpen,
  sharedPhoneWarning,
} from "./sharedPhone";

const fields = ["name", "phone"] as const;

interface CustomerFormDialogProps {
  /** The customer to edit; a new customer is created without it. */
  customer?: Customer;
  /** Phone number to start a new customer with. */
  initialPhone?: string;
  /**
   * Action offered for each customer that already has the number, such as
   * opening it. Its button reads "<verb> <name>". Without it the warning
   * offers only "Save anyway".
   */
  existingAction?: { verb: string; onSelect(customer: Customer): void };
  onSaved(customer: Customer): void;
  onClose(): void;
}

/**
 * Creates or edits a customer's name and phone number. When another
 * customer already has the number, it names them and saves only after
 * "Save anyway", because families and businesses may share a number.
 */
export function CustomerFormDialog(props: CustomerFormDialogProps) {
  const { customer, existingAction, onSaved, onClose } = props;
  const titleId = useId();
  const [name, setName] = useState(customer?.name ?? "");
  const [phone, setPhone] = useState(
    customer?.phone ?? props.initialPhone ?? "",
  );
  const { run, pending, error, clearError } = useSubmit();
  // Set while the save waits for "Save anyway". Editing the number clears it.
  const sharingPhone = customersSharingPhone(error);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const input = { name, phone, confirmSharedPhone: sharingPhone !== null };
      const saved = customer
        ? await customerApi.update(customer.id, input)
        : await customerApi.create(input);
      onSaved(saved);
    });
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="xs"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>
          {customer ? "Edit customer" : "New customer"}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <FormErrorAlert
              error={sharingPhone ? null : error}
              fields={fields}
            />
            {sharingPhone && (
              <Alert severity="warning">
                {sharedPhoneWarning(sharingPhone)} Save anyway if they share
                this number.
                {existingAction && (
                  <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                    {customersToOpen(sharingPhone).map((existing) => (
                      <Button
                        key={existing.id}
                        size="small"
                        color="inherit"
                        variant="outlined"
                        onClick={() => existingAction.onSelect(existing)}
                      >
                        {`${existingAction.verb} ${existing.name}`}
                      </Button>
                    ))}
                  </Stack>
                )}
              </Alert>
            )}
            <TextField
              label="Name"
              required
              autoFocus
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={fieldError(error, "name") !== undefined}
              helperText={fieldError(error, "name")}
            />
            <TextField
              label="Phone number"
              type="tel"
              required
              value={phone}
              onChange={(event) => {
                setPhone(event.target.value);
                if (sharingPhone) clearError();
              }}
              error={fieldError(error, "phone") !== undefined}
              helperText={
                fieldError(error, "phone") ??
                "Any format. Local numbers are read in your company's country."
              }
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            {submitLabel(customer, sharingPhone !== null)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function submitLabel(customer: Customer | undefined, sharing: boolean) {
  if (sharing) return "Save anyway";

  return customer ? "Save" : "Add customer";
}
