import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { useState } from "react";
import type { InboxNumber } from "../../../common/api";
import { pluginsApi } from "../../api/plugins";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { useRouter } from "../../app/router/routerContext";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { SectionCard } from "../../components/SectionCard";
import { inboxNumberLabel } from "../../format/inboxNumber";
import { useSubmit } from "../../hooks/useSubmit";

/**
 * Removes the plugin from the company after a confirmation that lists the
 * inbox numbers whose texts the webhook rejects from then on.
 */
export function UninstallSection({ numbers }: { numbers: InboxNumber[] }) {
  const [confirming, setConfirming] = useState(false);
  const { reload } = usePlugins();
  const { navigate } = useRouter();
  const { run, pending, error, clearError } = useSubmit();

  const handleConfirm = () =>
    void run(async () => {
      await pluginsApi.uninstall(SMS_INBOX_PLUGIN_ID);
      await reload();
      navigate("/plugins");
    });

  const handleClose = () => {
    setConfirming(false);
    clearError();
  };

  return (
    <SectionCard
      title="Uninstall"
      description="Removes the SMS Inbox from your dashboard for every location."
    >
      <Button
        variant="outlined"
        color="error"
        onClick={() => setConfirming(true)}
      >
        Uninstall SMS Inbox
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Uninstall SMS Inbox?"
        confirmLabel="Uninstall"
        pending={pending}
        error={error}
        onConfirm={handleConfirm}
        onClose={handleClose}
      >
        <p>Staff at every location lose access to the inbox.</p>
        <UninstallNumbersWarning numbers={numbers} />
        <p>
          Stored conversations, messages and inbox numbers are kept. They are
          back in the inbox when you install SMS Inbox again and enable it at
          your locations.
        </p>
      </ConfirmDialog>
    </SectionCard>
  );
}

/** Lists the numbers whose texts are rejected once the inbox is uninstalled. */
function UninstallNumbersWarning({ numbers }: { numbers: InboxNumber[] }) {
  if (numbers.length === 0) {
    return (
      <p>
        Texts sent to numbers whose webhook points at this inbox will be
        rejected until SMS Inbox is installed again.
      </p>
    );
  }

  return (
    <>
      <p>
        Texts sent to these numbers will be rejected, and Twilio drops them
        (error 11200), until SMS Inbox is installed again or each number&apos;s
        webhook in the Twilio Console points elsewhere:
      </p>
      <Box
        component="ul"
        aria-label="Numbers that stop receiving"
        sx={{ pl: 2 }}
      >
        {numbers.map((number) => (
          <li key={number.id}>
            <strong>{inboxNumberLabel(number)}</strong>
            {number.isDefault ? " (default number)" : ""}
          </li>
        ))}
      </Box>
    </>
  );
}
