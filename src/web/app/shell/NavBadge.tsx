import Chip from "@mui/material/Chip";
import { VisuallyHidden } from "../../components/VisuallyHidden";

/** Shows a count after a menu item's label, such as unread texts. */
export function NavBadge({ text, label }: { text: string; label: string }) {
  return (
    <>
      <Chip
        label={text}
        color="primary"
        size="small"
        aria-hidden
        data-testid="nav-badge"
        sx={{ height: 20, minWidth: 20, fontWeight: 700 }}
      />
      <VisuallyHidden>{label}</VisuallyHidden>
    </>
  );
}
