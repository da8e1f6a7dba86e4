import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type {
  TwilioConnection,
  TwilioConnectionTest,
} from "../../../common/api";
import { companyApi } from "../../api/company";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TwilioTestResult } from "./TwilioTestResult";
import { useSubmit } from "../../hooks/useSubmit";

/**
 * Checks the saved credentials against Twilio and shows the outcome. Then it
 * passes the connection as the server now stores it to `onTested`, because
 * the test updates whether the credentials count as rejected.
 */
export function TwilioTest({
  connected,
  onTested,
}: {
  connected: boolean;
  onTested: (connection: TwilioConnection) => void;
}) {
  const [result, setResult] = useState<TwilioConnectionTest | null>(null);
  const { run, pending, error } = useSubmit();

  const handleTest = () => {
    setResult(null);
    void run(async () => {
      setResult(await companyApi.testTwilio());
      onTested(await companyApi.twilio());
    });
  };

  return (
    <Box sx={{ pt: 1, borderTop: 1, borderColor: "divider" }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, pt: 2 }}>
        <Button variant="outlined" onClick={handleTest} loading={pending}>
          Test connection
        </Button>
        <Typography variant="body2" color="text.secondary">
          {connected
            ? "Tests the saved credentials with Twilio."
            : "Save the credentials first, then test them."}
        </Typography>
      </Box>
      <Box aria-live="polite" sx={{ mt: result || error ? 2 : 0 }}>
        {result && <TwilioTestResult result={result} />}
        <ErrorAlert error={error} />
      </Box>
    </Box>
  );
}
