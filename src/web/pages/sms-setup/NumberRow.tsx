import PhoneIcon from "@mui/icons-material/PhoneIphoneOutlined";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import type { InboxNumber } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { smsSetupApi } from "../../api/smsInbox";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";

interface NumberRowProps {
  number: InboxNumber;
  onRemoved(): void;
}

/** Shows one inbox number. Added numbers can be removed, the default not. */
export function NumberRow({ number, onRemoved }: NumberRowProps) {
  const { run, pending, error } = useSubmit();
  const formatted = formatPhoneNumber(number.phoneNumber);

  const handleRemove = () =>
    void run(async () => {
      await smsSetupApi.removeNumber(number.id);
      onRemoved();
    });

  const action = number.isDefault ? undefined : (
    <Button
      color="error"
      onClick={handleRemove}
      loading={pending}
      aria-label={`Remove ${formatted}`}
    >
      Remove
    </Button>
  );

  return (
    <ListItem divider secondaryAction={action} sx={{ px: 0 }}>
      <ListItemIcon sx={{ minWidth: 40 }}>
        <PhoneIcon />
      </ListItemIcon>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <span>{formatted}</span>
            {number.isDefault && (
              <Chip label="Default" size="small" color="primary" />
            )}
          </Stack>
        }
        secondary={
          number.isDefault
            ? "The company's connected number, from settings."
            : "Added for the inbox."
        }
      />
      <ErrorAlert error={error} sx={{ ml: 2 }} />
    </ListItem>
  );
}
