import Button from "@mui/material/Button";
import { useState } from "react";
import { pluginsApi } from "../../api/plugins";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { useRouter } from "../../app/router/routerContext";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { SectionCard } from "../../components/SectionCard";
import { useSubmit } from "../../hooks/useSubmit";

/** Removes the plugin from the company after a confirmation. */
export function UninstallSection() {
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
        Staff at every location lose access to the inbox. If your numbers should
        stop sending texts here, also remove the webhook from each number in the
        Twilio Console.
      </ConfirmDialog>
    </SectionCard>
  );
}
