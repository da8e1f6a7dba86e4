import RefreshIcon from "@mui/icons-material/Refresh";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useCallback, useState } from "react";
import type {
  SetWebhooksResult,
  WebhookHealthReport,
} from "../../../common/webhook-health-api";
import { formatPhoneNumber } from "../../../common/phone";
import { ApiContent } from "../../components/ApiContent";
import { SectionCard } from "../../components/SectionCard";
import { useApi } from "../../hooks/useApi";
import { useSubmit } from "../../hooks/useSubmit";
import { SetWebhookDialog, UrlText } from "./SetWebhookDialog";
import { webhookHealthApi } from "./webhookHealthApi";
import { WebhookHealthRow } from "./WebhookHealthRow";

const sectionHelp =
  "Whether each number's incoming-message webhook on Twilio points at " +
  "this inbox. Texts to a number with a wrong webhook never arrive.";

/**
 * Checks each inbox number's webhook on Twilio and offers to fix it. The
 * check runs on mount, so the rest of the page renders first. Remount it
 * with a new `key` to check again after the numbers or the token changed.
 */
export function WebhookHealthSection() {
  const report = useApi(useCallback(() => webhookHealthApi.check(), []));

  return (
    <SectionCard title="Webhook status" description={sectionHelp}>
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ mb: 2, flexWrap: "wrap" }}
      >
        <Button
          startIcon={<RefreshIcon />}
          onClick={() => void report.reload()}
          loading={report.loading && report.data !== null}
        >
          Refresh
        </Button>
        {report.data && (
          <SetAllButton report={report.data} onDone={report.reload} />
        )}
      </Stack>
      <ApiContent result={report}>
        {(data) => (
          // Narrower than 640 px, the state messages wrap into a column a few
          // words wide, so narrow screens scroll the table sideways instead.
          <TableContainer>
            <Table
              size="small"
              aria-label="Webhook status"
              sx={{ minWidth: 640 }}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Number</TableCell>
                  <TableCell>Webhook</TableCell>
                  <TableCell>Last text received</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.numbers.map((health) => (
                  <WebhookHealthRow
                    key={health.numberId}
                    health={health}
                    webhookUrl={data.webhookUrl}
                    previousTokenValidUntil={data.previousTokenValidUntil}
                    onChanged={() => void report.reload()}
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </ApiContent>
    </SectionCard>
  );
}

interface SetAllButtonProps {
  report: WebhookHealthReport;
  onDone(): Promise<void>;
}

/** Sets the webhook on every number that needs it, after one confirmation. */
function SetAllButton({ report, onDone }: SetAllButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const { run, pending, error, clearError } = useSubmit();
  const needing = report.numbers.filter((health) => health.canSetWebhook);
  if (needing.length < 2 && failures.length === 0) return null;

  const handleConfirm = () =>
    void run(async () => {
      const result = await webhookHealthApi.setWebhooks({
        numbers: needing.map((health) => ({
          numberId: health.numberId,
          expectedSmsUrl: health.smsUrl ?? "",
        })),
      });
      setFailures(describeFailures(report, result));
      setConfirming(false);
      await onDone();
    });

  const handleClose = () => {
    setConfirming(false);
    clearError();
  };

  return (
    <>
      {needing.length >= 2 && (
        <Button variant="outlined" onClick={() => setConfirming(true)}>
          Set webhook on all {needing.length} numbers that need it
        </Button>
      )}
      {failures.length > 0 && (
        <Alert severity="error" onClose={() => setFailures([])}>
          {failures.join(" ")}
        </Alert>
      )}
      <SetWebhookDialog
        open={confirming}
        title={`Set the webhook of ${needing.length} numbers?`}
        webhookUrl={report.webhookUrl}
        pending={pending}
        error={error}
        onConfirm={handleConfirm}
        onClose={handleClose}
      >
        This replaces each number's current incoming-message URL on Twilio:
        <Box component="ul" sx={{ pl: 2, my: 1 }}>
          {needing.map((health) => (
            <li key={health.numberId}>
              <strong>{formatPhoneNumber(health.phoneNumber)}</strong>
              <UrlText url={health.smsUrl ?? ""} method={health.smsMethod} />
            </li>
          ))}
        </Box>
      </SetWebhookDialog>
    </>
  );
}

function describeFailures(
  report: WebhookHealthReport,
  result: SetWebhooksResult,
): string[] {
  return result.results.flatMap((entry) => {
    if (entry.error === null) return [];

    const number = report.numbers.find(
      (health) => health.numberId === entry.numberId,
    );
    const name = number
      ? formatPhoneNumber(number.phoneNumber)
      : entry.numberId;

    return [`${name}: ${entry.error.message}`];
  });
}
