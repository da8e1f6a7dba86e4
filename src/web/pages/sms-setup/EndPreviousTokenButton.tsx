import Button from "@mui/material/Button";
import { useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmit } from "../../hooks/useSubmit";
import { webhookHealthApi } from "./webhookHealthApi";

interface EndPreviousTokenButtonProps {
  onEnded(): void;
}

/**
 * Stops accepting the webhook URL with the token before the last rotation
 * at once, after a confirmation, for a URL that may have leaked.
 */
export function EndPreviousTokenButton({
  onEnded,
}: EndPreviousTokenButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error, clearError } = useSubmit();

  const handleConfirm = () =>
    void run(async () => {
      await webhookHealthApi.endPreviousToken();
      setConfirming(false);
      onEnded();
    });

  const handleClose = () => {
    setConfirming(false);
    clearError();
  };

  return (
    <>
      <Button color="inherit" size="small" onClick={() => setConfirming(true)}>
        Stop accepting it now
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Stop accepting the previous webhook URL?"
        confirmLabel="Stop accepting it"
        pending={pending}
        error={error}
        onConfirm={handleConfirm}
        onClose={handleClose}
      >
        Texts that Twilio sends to the previous URL are rejected from now on,
        and Twilio does not send them again. Check under Webhook status that
        every number uses the current URL first. After this, the token can be
        rotated again at once.
      </ConfirmDialog>
    </>
  );
}
