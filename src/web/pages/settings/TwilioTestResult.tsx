import Alert from "@mui/material/Alert";
import type { TwilioConnectionTest } from "../../../common/api";

/** Shows the outcome of a connection test: the account name or the reason. */
export function TwilioTestResult({ result }: { result: TwilioConnectionTest }) {
  if (result.ok) {
    return (
      <Alert severity="success">
        Connected to the Twilio account “{result.accountName ?? "unnamed"}”.
      </Alert>
    );
  }

  const code = result.twilioCode ? ` (Twilio error ${result.twilioCode})` : "";
  return (
    <Alert severity="error">
      {result.message ?? "The connection test failed."}
      {code}
    </Alert>
  );
}
