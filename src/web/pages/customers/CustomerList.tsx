import DeleteIcon from "@mui/icons-material/DeleteOutlined";
import EditIcon from "@mui/icons-material/EditOutlined";
import PeopleIcon from "@mui/icons-material/PeopleOutlined";
import Card from "@mui/material/Card";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Skeleton from "@mui/material/Skeleton";
import type { Customer } from "../../../common/api";
import { EmptyState } from "../../components/EmptyState";
import { customerNumberText } from "./numberMismatch";

interface CustomerListProps {
  customers: Customer[];
  loading: boolean;
  searching: boolean;
  /** Edit and delete handlers; null shows the list read-only. */
  actions: {
    onEdit(customer: Customer): void;
    onDelete(customer: Customer): void;
  } | null;
}

/** Number of placeholder rows shown while the first page loads. */
const PLACEHOLDER_ROWS = 3;

/**
 * Lists customers by name and number, with edit and delete when allowed.
 * While loading, a progress bar overlays the card's top edge and an empty list
 * shows placeholder rows as tall as real ones, so the card keeps its size.
 */
export function CustomerList(props: CustomerListProps) {
  const { customers, loading, searching, actions } = props;
  if (customers.length === 0 && !loading) {
    return (
      <EmptyState
        icon={<PeopleIcon fontSize="inherit" />}
        title={searching ? "No customer matches" : "No customers yet"}
      >
        {emptyText(searching, actions !== null)}
      </EmptyState>
    );
  }

  return (
    <Card sx={{ position: "relative" }}>
      {loading && (
        <LinearProgress
          aria-label="Loading customers"
          sx={{ position: "absolute", top: 0, left: 0, right: 0 }}
        />
      )}
      <List aria-label="Customers" aria-busy={loading}>
        {customers.length === 0 && <PlaceholderRows />}
        {customers.map((customer) => (
          <ListItem
            key={customer.id}
            divider
            secondaryAction={
              actions && (
                <>
                  <IconButton
                    aria-label={`Edit ${customer.name}`}
                    onClick={() => actions.onEdit(customer)}
                  >
                    <EditIcon />
                  </IconButton>
                  <IconButton
                    aria-label={`Delete ${customer.name}`}
                    edge="end"
                    onClick={() => actions.onDelete(customer)}
                  >
                    <DeleteIcon />
                  </IconButton>
                </>
              )
            }
          >
            <ListItemText
              primary={customer.name}
              slotProps={{ primary: { sx: { overflowWrap: "anywhere" } } }}
              secondary={customerNumberText(customer)}
            />
          </ListItem>
        ))}
      </List>
    </Card>
  );
}

function PlaceholderRows() {
  return Array.from({ length: PLACEHOLDER_ROWS }, (_, index) => (
    <ListItem key={index} divider aria-hidden>
      <ListItemText
        primary={<Skeleton width="40%" />}
        secondary={<Skeleton width="25%" />}
      />
    </ListItem>
  ));
}

function emptyText(searching: boolean, canManage: boolean): string {
  if (searching)
    return "Try part of the name, or the number in another format.";
  if (canManage) return "Add customers one by one, or import a CSV file.";

  return "Staff with the Manage company permission can add customers.";
}
