import TableCell from "@mui/material/TableCell";
import Typography from "@mui/material/Typography";

/**
 * Lists where a staff member works. Plugins such as SMS Inbox are enabled
 * per location, so a staff member at no location cannot see the inbox, and
 * the cell shows a hint about it.
 */
export function StaffLocationsCell({ names }: { names: string[] }) {
  if (names.length > 0) return <TableCell>{names.join(", ")}</TableCell>;

  return (
    <TableCell>
      None
      <Typography variant="body2" color="text.secondary">
        Cannot see the inbox until given a location. Use Edit to add one.
      </Typography>
    </TableCell>
  );
}
