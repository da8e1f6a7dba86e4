import Button from "@mui/material/Button";
import { useState } from "react";
import { useSubmit } from "../../hooks/useSubmit";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { webhookHealthApi } from "./webhookHealthApi";

interface RotateTokenButtonProps {
  onRotated(): void;
  /**
   * True while the previous token is still accepted. The server rejects
   * another rotation until that token expires or is ended early.
   */
  disabled: boolean;
}

/** Replaces the company's webhook token after a confirmation. */
export function RotateTokenButton({
  onRotated,
  disabled,
}: RotateTokenButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error, clearError } = useSubmit();

  const handleConfirm = () =>
    void run(async () => {
      await webhookHealthApi.rotateToken();
      setConfirming(false);
      onRotated();
    });

  const handleClose = () => {
    setConfirming(false);
    clearError();
  };

  return (
    <>
      <Button
        color="warning"
        disabled={disabled}
        onClick={() => setConfirming(true)}
      >
        Rotate token
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Rotate the webhook token?"
        confirmLabel="Rotate token"
        pending={pending}
        error={error}
        onConfirm={handleConfirm}
        onClose={handleClose}
      >
        The webhook URL gets a new token. The current URL keeps working for 24
        hours, so set the new URL on every number under Webhook status before
        then, or texts to those numbers will be rejected. The token cannot be
        rotated again during those 24 hours. If the current URL may have leaked,
        rotate now, set the new URL on every number, then choose “Stop accepting
        it now” in the warning below the URL.
      </ConfirmDialog>
    </>
  );
}
