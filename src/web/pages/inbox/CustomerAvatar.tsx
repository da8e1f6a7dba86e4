import PersonIcon from "@mui/icons-material/Person";
import Avatar from "@mui/material/Avatar";
import type { ConversationSummary } from "../../../common/api";

const colours = [
  "#2f5bea",
  "#0f766e",
  "#b45309",
  "#7c3aed",
  "#be185d",
  "#0369a1",
];

function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  const letters = words.slice(0, 2).map((word) => word[0] ?? "");

  return letters.join("").toUpperCase();
}

/** Picks a stable colour per customer number, so avatars are easy to tell apart. */
function colourFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;

  return colours[hash % colours.length] ?? "#2f5bea";
}

/** Shows the customer's initials, or a person icon for unknown numbers. */
export function CustomerAvatar(props: { conversation: ConversationSummary }) {
  const { customerName, customerNumber } = props.conversation;

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
      {customerName ? initials(customerName) : <PersonIcon />}
    </Avatar>
  );
}
