import PhoneIcon from "@mui/icons-material/PhoneIphoneOutlined";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type { InboxNumber, RemoveInboxNumberResult } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { RemoveNumberDialog } from "./RemoveNumberDialog";
import { RenameNumberForm } from "./RenameNumberForm";

interface NumberRowProps {
  number: InboxNumber;
  /** The company's default number, which replies fall back to. */
  defaultNumber: string | null;
  onRemoved(result: RemoveInboxNumberResult): void;
  /** Called after the number's name was saved. */
  onRenamed(): void;
}

/**
 * Shows one inbox number with its name. Every number can be renamed. Added
 * numbers can be removed after a confirmation, the default not.
 */
export function NumberRow({
  number,
  defaultNumber,
  onRemoved,
  onRenamed,
}: NumberRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const formatted = formatPhoneNumber(number.phoneNumber);

  // The actions follow the text in the row's flow rather than MUI's
  // absolutely placed secondary action, so on a phone they wrap below it.
  const actions = renaming ? null : (
    <Stack direction="row" spacing={1} sx={{ ml: "auto" }}>
      <Button
        onClick={() => setRenaming(true)}
        aria-label={`Rename ${formatted}`}
      >
        Rename
      </Button>
      {!number.isDefault && (
        <Button
          color="error"
          onClick={() => setConfirming(true)}
          aria-label={`Remove ${formatted}`}
        >
          Remove
        </Button>
      )}
    </Stack>
  );

  return (
    <ListItem
      divider
      aria-label={formatted}
      sx={{ px: 0, flexWrap: "wrap", columnGap: 1 }}
    >
      <ListItemIcon sx={{ minWidth: 40 }}>
        <PhoneIcon />
      </ListItemIcon>
      <ListItemText
        sx={{ flex: "1 1 220px", minWidth: 0 }}
        primary={
          <Stack
            direction="row"
            spacing={1}
            useFlexGap
            sx={{ alignItems: "center", flexWrap: "wrap" }}
          >
            {number.name && (
              <Typography component="span" sx={{ fontWeight: 500 }}>
                {number.name}
              </Typography>
            )}
            <span style={{ whiteSpace: "nowrap" }}>{formatted}</span>
            {number.isDefault && (
              <Chip label="Default" size="small" color="primary" />
            )}
          </Stack>
        }
        secondary={
          renaming ? (
            <RenameNumberForm
              number={number}
              onSaved={() => {
                setRenaming(false);
                onRenamed();
              }}
              onCancel={() => setRenaming(false)}
            />
          ) : number.isDefault ? (
            "The company's connected number, from settings."
          ) : (
            "Added for the inbox."
          )
        }
        slotProps={{ secondary: { component: "div" } }}
      />
      {actions}
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
