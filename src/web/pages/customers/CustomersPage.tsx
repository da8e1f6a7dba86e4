import AddIcon from "@mui/icons-material/Add";
import SearchIcon from "@mui/icons-material/Search";
import UploadIcon from "@mui/icons-material/UploadFileOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import InputAdornment from "@mui/material/InputAdornment";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState } from "react";
import type { Customer } from "../../../common/api";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { CustomerFormDialog } from "./CustomerFormDialog";
import { CustomerList } from "./CustomerList";
import { DeleteCustomerDialog } from "./DeleteCustomerDialog";
import { ImportCustomersDialog } from "./ImportCustomersDialog";
import { useCustomerSearch } from "./useCustomerSearch";

type OpenDialog =
  | { kind: "create" }
  | { kind: "edit"; customer: Customer }
  | { kind: "delete"; customer: Customer }
  | { kind: "import" }
  | null;

/**
 * Lists and searches the company's customers. Staff with "Manage company"
 * also add, edit, delete and import them; others see the list read-only.
 */
export function CustomersPage() {
  useDocumentTitle("Customers");
  const canManage = hasPermission(useMe(), permissions.manageCompany);
  const [text, setText] = useState("");
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const search = useCustomerSearch(text);

  const closeAndReload = () => {
    setDialog(null);
    search.reload();
  };

  // Opens the customer that already has the number in place of the form.
  const openExisting = {
    verb: "Open",
    onSelect: (customer: Customer) => setDialog({ kind: "edit", customer }),
  };

  return (
    <PageContainer>
      <PageHeader
        title="Customers"
        description={
          canManage
            ? "The inbox shows these names for texts from their numbers."
            : "The inbox shows these names for texts from their numbers. Adding, editing and importing customers needs the Manage company permission."
        }
        actions={
          canManage && (
            <Stack direction="row" spacing={1}>
              <Button
                startIcon={<UploadIcon />}
                onClick={() => setDialog({ kind: "import" })}
              >
                Import CSV
              </Button>
              <Button
                variant="contained"
                startIcon={<AddIcon />}
                onClick={() => setDialog({ kind: "create" })}
              >
                Add customer
              </Button>
            </Stack>
          )
        }
      />
      <TextField
        fullWidth
        type="search"
        label="Search customers"
        placeholder="Name or phone number"
        value={text}
        onChange={(event) => setText(event.target.value)}
        sx={{ mb: 2 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          },
        }}
      />
      <ErrorAlert error={search.error} onRetry={search.reload} sx={{ mb: 2 }} />
      <CustomerList
        customers={search.customers}
        loading={search.loading}
        searching={text.trim() !== ""}
        actions={
          canManage
            ? {
                onEdit: (customer) => setDialog({ kind: "edit", customer }),
                onDelete: (customer) => setDialog({ kind: "delete", customer }),
              }
            : null
        }
      />
      {search.hasMore && (
        <Box sx={{ textAlign: "center", mt: 2 }}>
          <Button onClick={search.loadMore} loading={search.loading}>
            Load more
          </Button>
        </Box>
      )}
      {dialog?.kind === "create" && (
        <CustomerFormDialog
          existingAction={openExisting}
          onSaved={closeAndReload}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "edit" && (
        <CustomerFormDialog
          // A new key opens a fresh form when "Open" switches customers.
          key={dialog.customer.id}
          customer={dialog.customer}
          existingAction={openExisting}
          onSaved={closeAndReload}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteCustomerDialog
          customer={dialog.customer}
          onDeleted={closeAndReload}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "import" && (
        <ImportCustomersDialog
          onImported={search.reload}
          onClose={() => setDialog(null)}
        />
      )}
    </PageContainer>
  );
}
