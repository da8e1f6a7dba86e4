import Alert from "@mui/material/Alert";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import Typography from "@mui/material/Typography";
import { useCallback, useState } from "react";
import type { InboxNumber, RemoveInboxNumberResult } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { smsSetupApi } from "../../api/smsInbox";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useApi } from "../../hooks/useApi";
import { useSubmit } from "../../hooks/useSubmit";
import { inboxNumberLabel } from "../../format/inboxNumber";
import { adviseRemovalWebhook } from "./removalWebhook";
import { webhookHealthApi } from "./webhookHealthApi";

interface RemoveNumberDialogProps {
  number: InboxNumber;
  /** The company's default number, which replies fall back to. */
  defaultNumber: string | null;
  onRemoved(result: RemoveInboxNumberResult): void;
  onClose(): void;
}

/**
 * Confirms the removal of an added number. It checks the number's webhook
 * on Twilio when it opens and offers to clear it when it points at this
 * inbox. Mount it only while open, so each opening checks again.
 */
export function RemoveNumberDialog(props: RemoveNumberDialogProps) {
  const { number, defaultNumber } = props;
  const report = useApi(useCallback(() => webhookHealthApi.check(), []));
  const [clearChoice, setClearChoice] = useState<boolean | null>(null);
  const { run, pending, error } = useSubmit();
  const formatted = formatPhoneNumber(number.phoneNumber);
  const fallback = defaultNumber
    ? `the default number, ${formatPhoneNumber(defaultNumber)}`
    : "the default number";

  const checking = report.loading && !report.data && !report.error;
  const health =
    report.data?.numbers.find((entry) => entry.numberId === number.id) ?? null;
  const advice = checking
    ? null
    : adviseRemovalWebhook(
        health,
        report.data?.webhookUrl ?? "",
        report.error?.message ?? null,
      );
  // While the check runs, the server decides: it clears the webhook only
  // when it points at this inbox.
  const clearWebhook = advice
    ? advice.offerClear && (clearChoice ?? advice.clearByDefault)
    : true;

  const handleConfirm = () =>
    void run(async () => {
      const result = await smsSetupApi.removeNumber(number.id, {
        clearWebhook,
      });
      props.onRemoved(result);
    });

  return (
    <ConfirmDialog
      open
      title={`Remove ${inboxNumberLabel(number)} from the inbox?`}
      confirmLabel="Remove"
      pending={pending}
      error={error}
      onConfirm={handleConfirm}
      onClose={props.onClose}
    >
      <p>
        Texts to {formatted} will stop arriving in the inbox. Replies in its
        conversations will go out from {fallback}.
      </p>
      {advice === null ? (
        <Typography role="status">
          Checking the number&apos;s webhook on Twilio…
        </Typography>
      ) : (
        <>
          <p>{advice.status}</p>
          {advice.warning && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {advice.warning}
            </Alert>
          )}
          {advice.offerClear && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={clearWebhook}
                  onChange={(event) => setClearChoice(event.target.checked)}
                />
              }
              label="Also clear its incoming-message webhook on Twilio"
            />
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
