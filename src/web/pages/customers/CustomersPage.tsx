import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/DeleteOutlined";
import EditIcon from "@mui/icons-material/EditOutlined";
import PeopleIcon from "@mui/icons-material/PeopleOutlined";
import SearchIcon from "@mui/icons-material/Search";
import UploadIcon from "@mui/icons-material/UploadFileOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState } from "react";
import type { Customer } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { CustomerFormDialog } from "./CustomerFormDialog";
import { DeleteCustomerDialog } from "./DeleteCustomerDialog";
import { ImportCustomersDialog } from "./ImportCustomersDialog";
import { useCustomerSearch } from "./useCustomerSearch";

type OpenDialog =
  | { kind: "create" }
  | { kind: "edit"; customer: Customer }
  | { kind: "delete"; customer: Customer }
  | { kind: "import" }
  | null;

/** Lists, searches, adds, edits, deletes and imports the company's customers. */
export function CustomersPage() {
  useDocumentTitle("Customers");
  const [text, setText] = useState("");
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const search = useCustomerSearch(text);

  const closeAndReload = () => {
    setDialog(null);
    search.reload();
  };

  return (
    <PageContainer>
      <PageHeader
        title="Customers"
        description="The inbox shows these names for texts from their numbers."
        actions={
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
        onEdit={(customer) => setDialog({ kind: "edit", customer })}
        onDelete={(customer) => setDialog({ kind: "delete", customer })}
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
          onSaved={closeAndReload}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "edit" && (
        <CustomerFormDialog
          customer={dialog.customer}
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

interface CustomerListProps {
  customers: Customer[];
  loading: boolean;
  searching: boolean;
  onEdit(customer: Customer): void;
  onDelete(customer: Customer): void;
}

function CustomerList(props: CustomerListProps) {
  const { customers, loading, searching, onEdit, onDelete } = props;
  if (customers.length === 0 && !loading) {
    return (
      <EmptyState
        icon={<PeopleIcon fontSize="inherit" />}
        title={searching ? "No customer matches" : "No customers yet"}
      >
        {searching
          ? "Try part of the name, or the number in another format."
          : "Add customers one by one, or import a CSV file."}
      </EmptyState>
    );
  }

  return (
    <Card>
      <List aria-label="Customers" aria-busy={loading}>
        {customers.map((customer) => (
          <ListItem
            key={customer.id}
            divider
            secondaryAction={
              <>
                <IconButton
                  aria-label={`Edit ${customer.name}`}
                  onClick={() => onEdit(customer)}
                >
                  <EditIcon />
                </IconButton>
                <IconButton
                  aria-label={`Delete ${customer.name}`}
                  edge="end"
                  onClick={() => onDelete(customer)}
                >
                  <DeleteIcon />
                </IconButton>
              </>
            }
          >
            <ListItemText
              primary={customer.name}
              secondary={
                customer.phoneE164
                  ? formatPhoneNumber(customer.phoneE164)
                  : customer.phone
              }
            />
          </ListItem>
        ))}
      </List>
    </Card>
  );
}
