import PersonAddIcon from "@mui/icons-material/PersonAddAlt1Outlined";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import ListSubheader from "@mui/material/ListSubheader";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import { useState } from "react";
import type { ConversationSummary, Customer } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { customerApi } from "../../api/customers";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";
import { CustomerFormDialog } from "./CustomerFormDialog";
import { CustomerPickerDialog } from "./CustomerPickerDialog";
import { OtherNumberDialog } from "./OtherNumberDialog";
import { hasOtherNumber } from "./numberMismatch";

type OpenDialog =
  | { kind: "create" }
  | { kind: "link" }
  | { kind: "confirm-other-number"; customer: Customer }
  | null;

interface ConversationCustomerActionsProps {
  conversation: ConversationSummary;
  onChanged(conversation: ConversationSummary): void;
}

/**
 * Lets staff choose which customer is texting: pick one of several customers that share
 * the number, link the number to a customer on file, or add a new customer
 * with the number. When several customers share the number, one "Choose
 * customer" menu lists them and ends with a search of all customers.
 * Linking a customer whose number is not the conversation's needs a
 * confirmation. Picking and linking need "SMS Inbox (send)", because the
 * inbox is read-only without it, and adding also needs "Manage company".
 */
export function ConversationCustomerActions(
  props: ConversationCustomerActionsProps,
) {
  const { conversation, onChanged } = props;
  const me = useMe();
  const canLink = hasPermission(me, permissions.sendSms);
  const canAdd = canLink && hasPermission(me, permissions.manageCompany);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const { run, pending, error } = useSubmit();
  const ambiguous = conversation.customerMatches.length > 1;
  const unknown = conversation.customer === null && !ambiguous;

  const choose = (customerId: string) => {
    setMenuAnchor(null);
    setDialog(null);
    void run(async () => {
      onChanged(
        await customerApi.chooseForConversation(conversation.id, customerId),
      );
    });
  };

  const pickToLink = (customer: Customer) => {
    if (hasOtherNumber(customer, conversation.customerNumber)) {
      setDialog({ kind: "confirm-other-number", customer });
      return;
    }

    choose(customer.id);
  };

  if (!canLink) return null;

  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: "center", flexShrink: 0 }}
    >
      <ErrorAlert error={error} />
      {ambiguous && (
        <Button
          variant="outlined"
          size="small"
          loading={pending}
          aria-haspopup="menu"
          onClick={(event) => setMenuAnchor(event.currentTarget)}
        >
          Choose customer
        </Button>
      )}
      {unknown && canAdd && (
        <Button
          size="small"
          startIcon={<PersonAddIcon />}
          onClick={() => setDialog({ kind: "create" })}
          disabled={pending}
        >
          Add customer
        </Button>
      )}
      {!ambiguous && (
        <Button
          size="small"
          onClick={() => setDialog({ kind: "link" })}
          loading={pending}
        >
          {conversation.customer ? "Change customer" : "Link to customer"}
        </Button>
      )}
      <Menu
        anchorEl={menuAnchor}
        open={menuAnchor !== null}
        onClose={() => setMenuAnchor(null)}
      >
        <ListSubheader>
          {`Customers with ${formatPhoneNumber(conversation.customerNumber)}`}
        </ListSubheader>
        {conversation.customerMatches.map((match) => (
          <MenuItem key={match.id} onClick={() => choose(match.id)}>
            {match.name}
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            setMenuAnchor(null);
            setDialog({ kind: "link" });
          }}
        >
          Search all customers…
        </MenuItem>
      </Menu>
      {dialog?.kind === "link" && (
        <CustomerPickerDialog
          title={
            ambiguous
              ? "Link this number to another customer"
              : "Link this number to a customer"
          }
          conversationNumber={conversation.customerNumber}
          onPick={pickToLink}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "confirm-other-number" && (
        <OtherNumberDialog
          customer={dialog.customer}
          conversationNumber={conversation.customerNumber}
          onConfirm={() => choose(dialog.customer.id)}
          onBack={() => setDialog({ kind: "link" })}
        />
      )}
      {dialog?.kind === "create" && (
        <CustomerFormDialog
          initialPhone={conversation.customerNumber}
          existingAction={{
            verb: "Link to",
            onSelect: (customer) => choose(customer.id),
          }}
          onSaved={(customer) => choose(customer.id)}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
