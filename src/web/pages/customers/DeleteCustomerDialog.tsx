import type { Customer } from "../../../common/api";
import { customerApi } from "../../api/customers";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmit } from "../../hooks/useSubmit";

interface DeleteCustomerDialogProps {
  customer: Customer;
  onDeleted(): void;
  onClose(): void;
}

/** Asks before deleting a customer; conversations and messages stay. */
export function DeleteCustomerDialog(props: DeleteCustomerDialogProps) {
  const { customer, onDeleted, onClose } = props;
  const { run, pending, error } = useSubmit();

  const handleConfirm = () => {
    void run(async () => {
      await customerApi.remove(customer.id);
      onDeleted();
    });
  };

  return (
    <ConfirmDialog
      open
      title={`Delete ${customer.name}?`}
      confirmLabel="Delete"
      pending={pending}
      error={error}
      onConfirm={handleConfirm}
      onClose={onClose}
    >
      The customer is removed from the list. Conversations with {customer.phone}{" "}
      and their messages stay in the inbox, shown by number.
    </ConfirmDialog>
  );
}
