import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useCallback, useState } from "react";
import type { AuditEntry, AuditPage } from "../../../../common/admin-api";
import { auditApi } from "../../../api/admin";
import { ApiContent } from "../../../components/ApiContent";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { PageContainer } from "../../../components/PageContainer";
import { PageHeader } from "../../../components/PageHeader";
import { SectionCard } from "../../../components/SectionCard";
import {
  formatCalendarDate,
  formatClockTime,
  formatFullTime,
} from "../../../format/time";
import { useApi } from "../../../hooks/useApi";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { useSubmit } from "../../../hooks/useSubmit";
import { describeAuditDetails } from "./auditDetails";

/**
 * Shows the Details and IP address columns only from the `sm` breakpoint.
 * On phones the five columns do not fit, so each row repeats those values
 * under its action instead.
 */
const wideOnly = { display: { xs: "none", sm: "table-cell" } } as const;
const phoneOnly = { display: { xs: "block", sm: "none" }, mt: 0.5 } as const;

function AuditDetailLines({ entry }: { entry: AuditEntry }) {
  const details = describeAuditDetails(entry.details);

  return details.map((line) => (
    <Typography key={line.label} variant="body2">
      <strong>{line.label}:</strong> {line.text}
    </Typography>
  ));
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <TableRow sx={{ verticalAlign: "top" }}>
      <TableCell title={formatFullTime(entry.createdAt)}>
        {formatCalendarDate(entry.createdAt)},{" "}
        {formatClockTime(entry.createdAt)}
      </TableCell>
      <TableCell>{entry.actor.name}</TableCell>
      <TableCell sx={{ overflowWrap: "anywhere" }}>
        <Typography sx={{ fontWeight: 600 }}>{entry.actionLabel}</Typography>
        {entry.target && (
          <Typography variant="body2">{entry.target.label}</Typography>
        )}
        <Box sx={phoneOnly}>
          <AuditDetailLines entry={entry} />
          {entry.ip && (
            <Typography variant="body2">
              <strong>IP address:</strong> {entry.ip}
            </Typography>
          )}
        </Box>
      </TableCell>
      <TableCell sx={wideOnly}>
        <AuditDetailLines entry={entry} />
      </TableCell>
      <TableCell sx={wideOnly}>{entry.ip ?? "—"}</TableCell>
    </TableRow>
  );
}

/** Older pages loaded after the first, and where the next one starts. */
interface OlderPages {
  entries: AuditEntry[];
  nextCursor: string | null;
}

function AuditTable(props: { first: AuditPage; action: string | null }) {
  const { action } = props;
  const [older, setOlder] = useState<OlderPages | null>(null);
  const { run, pending, error } = useSubmit();
  const entries = [...props.first.entries, ...(older?.entries ?? [])];
  const nextCursor = older ? older.nextCursor : props.first.nextCursor;

  const loadOlder = () =>
    void run(async () => {
      if (!nextCursor) return;

      const page = await auditApi.page({ action, cursor: nextCursor });
      setOlder({
        entries: [...(older?.entries ?? []), ...page.entries],
        nextCursor: page.nextCursor,
      });
    });

  if (entries.length === 0) {
    return <Typography color="text.secondary">No entries yet.</Typography>;
  }

  return (
    <>
      <TableContainer>
        <Table aria-label="Audit log" size="small">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>What</TableCell>
              <TableCell sx={wideOnly}>Details</TableCell>
              <TableCell sx={wideOnly}>IP address</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <ErrorAlert error={error} sx={{ mt: 2 }} />
      {nextCursor && (
        <Button onClick={loadOlder} loading={pending} sx={{ mt: 2 }}>
          Load older entries
        </Button>
      )}
    </>
  );
}

/** Shows the company's audit log, newest first, filtered by action. */
export function AuditLogPage() {
  useDocumentTitle("Audit log");
  const [action, setAction] = useState("");
  const first = useApi(
    useCallback(() => auditApi.page({ action: action || null }), [action]),
  );
  const [actions, setActions] = useState<AuditPage["actions"]>([]);
  if (first.data && actions.length === 0 && first.data.actions.length > 0) {
    setActions(first.data.actions);
  }

  return (
    <PageContainer>
      <PageHeader
        title="Audit log"
        description="Who changed company settings, staff, roles, locations, customers, plugins, inbox numbers, webhooks or the Twilio connection, and when."
      />
      <SectionCard title="Entries">
        <TextField
          select
          label="Action"
          size="small"
          value={action}
          onChange={(event) => setAction(event.target.value)}
          slotProps={{
            select: { displayEmpty: true },
            inputLabel: { shrink: true },
          }}
          sx={{ width: 320, maxWidth: "100%", mb: 2 }}
        >
          <MenuItem value="">All actions</MenuItem>
          {actions.map((option) => (
            <MenuItem key={option.key} value={option.key}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
        <ApiContent result={first}>
          {(page) => (
            <AuditTable key={action} first={page} action={action || null} />
          )}
        </ApiContent>
      </SectionCard>
    </PageContainer>
  );
}
