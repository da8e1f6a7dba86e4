import Button from "@mui/material/Button";
import { useState } from "react";
import { useSubmit } from "../../hooks/useSubmit";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { webhookHealthApi } from "./webhookHealthApi";

interface RotateTokenButtonProps {
  onRotated(): void;
  /** True while the previous token is still accepted; the server rejects
   * another rotation until it expires. */
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
        hours; set the new URL on every number before then, or texts to those
        numbers will be rejected. Rotate the token when the URL may have leaked.
      </ConfirmDialog>
    </>
  );
}
