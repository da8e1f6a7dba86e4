import PersonIcon from "@mui/icons-material/Person";
import Avatar from "@mui/material/Avatar";
import type { ConversationSummary } from "../../../common/api";
import { initials } from "./initials";

const colours = [
  "#2f5bea",
  "#0f766e",
  "#b45309",
  "#7c3aed",
  "#be185d",
  "#0369a1",
];

/** Picks a stable colour per customer number, so avatars are easy to tell apart. */
function colourFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;

  return colours[hash % colours.length] ?? "#2f5bea";
}

/**
 * Shows the customer's initials, or a person icon for unknown numbers and
 * blank names.
 */
export function CustomerAvatar(props: { conversation: ConversationSummary }) {
  const { customerName, customerNumber } = props.conversation;
  const letters = customerName ? initials(customerName) : "";

  return (
    <Avatar
      aria-hidden
      sx={{
        bgcolor: colourFor(customerNumber),
        width: 40,
        height: 40,
        fontSize: 15,
      }}
    >
      {letters || <PersonIcon />}
    </Avatar>
  );
}
