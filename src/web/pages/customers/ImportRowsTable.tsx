import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import type { CustomerImportRow } from "../../../common/customer-api";
import { hiddenRowsText } from "./importText";

/** Rows drawn at once; a larger file shows the rest as a count. */
const MAX_SHOWN_ROWS = 500;

/** Lists imported rows with the number that will be stored or the reason a row is left out. */
export function ImportRowsTable(props: {
  rows: CustomerImportRow[];
  label: string;
}) {
  const { rows, label } = props;
  const shown = rows.slice(0, MAX_SHOWN_ROWS);

  return (
    <>
      <TableContainer
        sx={{
          maxHeight: 360,
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
        }}
      >
        <Table size="small" stickyHeader aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Line</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>Phone</TableCell>
              <TableCell>Result</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((row) => (
              <TableRow key={row.line}>
                <TableCell>{row.line}</TableCell>
                <TableCell>{row.name || "—"}</TableCell>
                <TableCell>{row.phone || "—"}</TableCell>
                <TableCell sx={{ color: resultColor(row) }}>
                  {resultText(row)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > shown.length && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {hiddenRowsText(rows.length - shown.length)}
        </Typography>
      )}
    </>
  );
}

function resultText(row: CustomerImportRow): string {
  if (row.message !== null) return row.message;

  const adds = `Adds ${row.phoneE164 ?? ""}.`;

  return row.note === null ? adds : `${adds} ${row.note}`;
}

function resultColor(row: CustomerImportRow): string {
  if (row.rejection !== null) return "error.main";

  return row.note === null ? "success.main" : "warning.main";
}
