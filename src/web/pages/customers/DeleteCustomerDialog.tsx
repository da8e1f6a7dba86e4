import type { Customer } from "../../../common/api";
import { customerApi } from "../../api/customers";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmit } from "../../hooks/useSubmit";
import { deleteCustomerText } from "./deleteCustomerText";

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
      {deleteCustomerText(customer)}
    </ConfirmDialog>
  );
}
