import Box from "@mui/material/Box";
import { useEffect, useState } from "react";
import { formatPhoneNumber } from "../../../common/phone";
import { smsSetupApi } from "../../api/smsInbox";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { currentNumbersText } from "./accountChange";

interface AccountChangeDialogProps {
  open: boolean;
  /** The saved Account SID, which the save replaces. */
  currentAccountSid: string;
  /** The saved default number, on the current account. */
  currentDefaultNumber: string | null;
  newAccountSid: string;
  onConfirm(): void;
  onClose(): void;
}

/**
 * Warns before connecting another Twilio account: numbers of the current
 * account stop receiving texts in the inbox.
 */
export function AccountChangeDialog(props: AccountChangeDialogProps) {
  const { currentAccountSid, currentDefaultNumber, newAccountSid } = props;
  const extras = useExtraInboxNumbers(props.open);
  const defaultText = currentDefaultNumber
    ? `the default number ${formatPhoneNumber(currentDefaultNumber)}`
    : "the default number";

  return (
    <ConfirmDialog
      open={props.open}
      title="Connect a different Twilio account?"
      confirmLabel="Save and switch accounts"
      pending={false}
      error={null}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <p>
        You are replacing account <strong>{currentAccountSid}</strong> with{" "}
        <strong>{newAccountSid}</strong>. Texts to the numbers of the current
        account, {currentNumbersText(defaultText, extras)}, will stop arriving
        in the inbox, because it accepts texts only from the connected account.
      </p>
      <Box component="ul" sx={{ pl: 2, my: 1 }}>
        <li>
          Inbox numbers that are also on the new account stay in the inbox. The
          others are removed from it.
        </li>
        <li>
          Conversations are kept. Replies in them go out from the new default
          number.
        </li>
        <li>
          To keep a number, move it to the new account in the Twilio Console
          before saving.
        </li>
      </Box>
    </ConfirmDialog>
  );
}

/**
 * Loads the formatted extra SMS Inbox numbers once each time the dialog
 * opens. Returns null until they load, and when they cannot be loaded,
 * such as when SMS Inbox is not installed.
 */
function useExtraInboxNumbers(open: boolean): string[] | null {
  const [extras, setExtras] = useState<string[] | null>(null);

  useEffect(() => {
    if (!open) return;

    let current = true;
    smsSetupApi
      .get()
      .then((setup) => {
        if (!current) return;

        const added = setup.numbers.filter((number) => !number.isDefault);
        setExtras(added.map((number) => formatPhoneNumber(number.phoneNumber)));
      })
      .catch(() => undefined);

    return () => {
      current = false;
      setExtras(null);
    };
  }, [open]);

  return extras;
}
