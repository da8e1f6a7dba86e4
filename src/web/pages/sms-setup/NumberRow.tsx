import PhoneIcon from "@mui/icons-material/PhoneIphoneOutlined";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import { useState } from "react";
import type { InboxNumber, RemoveInboxNumberResult } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { RemoveNumberDialog } from "./RemoveNumberDialog";

interface NumberRowProps {
  number: InboxNumber;
  /** The company's default number, which replies fall back to. */
  defaultNumber: string | null;
  onRemoved(result: RemoveInboxNumberResult): void;
}

/**
 * Shows one inbox number. Added numbers can be removed after a confirmation,
 * the default not.
 */
export function NumberRow({
  number,
  defaultNumber,
  onRemoved,
}: NumberRowProps) {
  const [confirming, setConfirming] = useState(false);
  const formatted = formatPhoneNumber(number.phoneNumber);

  const action = number.isDefault ? undefined : (
    <Button
      color="error"
      onClick={() => setConfirming(true)}
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
      {confirming && (
        <RemoveNumberDialog
          number={number}
          defaultNumber={defaultNumber}
          onRemoved={(result) => {
            setConfirming(false);
            onRemoved(result);
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </ListItem>
  );
}
