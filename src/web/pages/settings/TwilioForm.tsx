import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type ChangeEvent, type FormEvent } from "react";
import type { TwilioConnection } from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { companyApi } from "../../api/company";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { SavedNotice } from "../../components/SavedNotice";
import { useSubmit } from "../../hooks/useSubmit";
import { AccountChangeDialog } from "./AccountChangeDialog";
import { isAccountChange } from "./accountChange";
import { InboxNextStep } from "./InboxNextStep";
import { TwilioConnectionBadge } from "./TwilioConnectionBadge";
import { TwilioSaveNotices } from "./TwilioSaveNotices";
import { TwilioTest } from "./TwilioTest";

const fields = ["accountSid", "authToken", "defaultNumber"] as const;

function tokenHelp(connection: TwilioConnection) {
  if (!connection.authTokenMasked) return "From the Twilio Console.";

  return `Stored: ${connection.authTokenMasked}. Leave blank to keep it.`;
}

/** Edits the Twilio credentials and default number, and tests them. */
export function TwilioForm(props: { connection: TwilioConnection }) {
  const [connection, setConnection] = useState(props.connection);
  const [accountSid, setAccountSid] = useState(connection.accountSid ?? "");
  const [authToken, setAuthToken] = useState("");
  const [defaultNumber, setDefaultNumber] = useState(
    connection.defaultNumber ?? "",
  );
  const [saved, setSaved] = useState(false);
  const [notices, setNotices] = useState<string[]>([]);
  const [confirmingAccount, setConfirmingAccount] = useState(false);
  // A test result describes the credentials as they were when it ran, so
  // editing or saving them remounts the test panel without it.
  const [testPanelKey, setTestPanelKey] = useState(0);
  const { run, pending, error } = useSubmit();
  const clearTestResult = () => setTestPanelKey((key) => key + 1);
  const edit =
    (setValue: (value: string) => void) =>
    (event: ChangeEvent<HTMLInputElement>) => {
      setValue(event.target.value);
      clearTestResult();
    };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isAccountChange(connection, accountSid)) {
      setConfirmingAccount(true);
      return;
    }

    save();
  };

  const save = () => {
    setSaved(false);
    setNotices([]);
    clearTestResult();
    void run(async () => {
      const token = authToken.trim();
      const updated = await companyApi.updateTwilio({
        accountSid: accountSid.trim(),
        defaultNumber: defaultNumber.trim(),
        ...(token === "" ? {} : { authToken: token }),
      });
      const { notices: saveNotices, ...savedConnection } = updated;
      setConnection(savedConnection);
      setNotices(saveNotices);
      setAuthToken("");
      setSaved(true);
      clearTestResult();
    });
  };

  return (
    <Stack component="form" spacing={2.5} onSubmit={handleSubmit} noValidate>
      <TwilioConnectionBadge connection={connection} />
      <FormErrorAlert error={error} fields={fields} />
      <TextField
        label="Account SID"
        required
        value={accountSid}
        onChange={edit(setAccountSid)}
        placeholder="AC…"
        autoComplete="off"
        spellCheck={false}
        error={fieldError(error, "accountSid") !== undefined}
        helperText={fieldError(error, "accountSid") ?? "Starts with AC."}
      />
      <TextField
        label="Auth token"
        type="password"
        value={authToken}
        onChange={edit(setAuthToken)}
        autoComplete="new-password"
        required={!connection.authTokenMasked}
        error={fieldError(error, "authToken") !== undefined}
        helperText={fieldError(error, "authToken") ?? tokenHelp(connection)}
      />
      <TextField
        label="Default number"
        required
        value={defaultNumber}
        onChange={edit(setDefaultNumber)}
        placeholder="+14155550100"
        autoComplete="off"
        error={fieldError(error, "defaultNumber") !== undefined}
        helperText={
          fieldError(error, "defaultNumber") ??
          "A number on this Twilio account that your company texts from."
        }
      />
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Button type="submit" variant="contained" loading={pending}>
          Save
        </Button>
        <SavedNotice show={saved && !pending} />
      </Stack>
      <TwilioSaveNotices notices={pending ? [] : notices} />
      {connection.connected && <InboxNextStep />}
      <AccountChangeDialog
        open={confirmingAccount}
        currentAccountSid={connection.accountSid ?? ""}
        currentDefaultNumber={connection.defaultNumber}
        newAccountSid={accountSid.trim()}
        onConfirm={() => {
          setConfirmingAccount(false);
          save();
        }}
        onClose={() => setConfirmingAccount(false)}
      />
      <TwilioTest
        key={testPanelKey}
        connected={connection.connected}
        onTested={setConnection}
      />
    </Stack>
  );
}
