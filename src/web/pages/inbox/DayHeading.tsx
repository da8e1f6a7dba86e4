import Chip from "@mui/material/Chip";
import Divider from "@mui/material/Divider";
import { formatDayHeading } from "../../format/time";

/** "Today", "Yesterday" or a date between the messages of different days. */
export function DayHeading({ iso, now }: { iso: string; now: number }) {
  return (
    <li aria-hidden>
      <Divider sx={{ my: 2 }}>
        <Chip
          label={formatDayHeading(iso, now)}
          size="small"
          variant="outlined"
        />
      </Divider>
    </li>
  );
}
