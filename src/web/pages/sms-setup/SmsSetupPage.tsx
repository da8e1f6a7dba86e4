import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { useCallback, useState } from "react";
import { smsSetupApi } from "../../api/smsInbox";
import { ApiContent } from "../../components/ApiContent";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { useApi } from "../../hooks/useApi";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { EnableInboxCallout, LOCATIONS_SECTION_ID } from "./EnableInboxCallout";
import { LocationsSection } from "./LocationsSection";
import { NumbersSection } from "./NumbersSection";
import { UninstallSection } from "./UninstallSection";
import { WebhookHealthSection } from "./WebhookHealthSection";
import { WebhookSection } from "./WebhookSection";

const pageHelp =
  "Texts go out as soon as the inbox is enabled at a location. " +
  "Replies from customers appear once the webhook is set on each number.";

/** Setup of the SMS Inbox plugin: numbers, webhook, locations, uninstall. */
export function SmsSetupPage() {
  useDocumentTitle("SMS Inbox setup");
  const setup = useApi(useCallback(() => smsSetupApi.get(), []));
  // Bumped when the numbers or the token change, so health is checked again.
  const [healthKey, setHealthKey] = useState(0);
  const handleChange = () => {
    void setup.reload();
    setHealthKey((key) => key + 1);
  };

  if (setup.error?.code === "plugin_not_installed") {
    return (
      <PageContainer>
        <PageHeader title="SMS Inbox setup" />
        <Alert
          severity="info"
          action={<Button href="/plugins">Open plugins</Button>}
        >
          {setup.error.message}
        </Alert>
      </PageContainer>
    );
  }

  return (
    <PageContainer>
      <PageHeader title="SMS Inbox setup" description={pageHelp} />
      <ApiContent result={setup}>
        {(data) => (
          <>
            {!data.twilioConnected && (
              <Alert
                severity="warning"
                sx={{ mb: 3 }}
                action={<Button href="/settings">Open settings</Button>}
              >
                Twilio is not connected yet. Enter the Account SID, auth token
                and default number in company settings.
              </Alert>
            )}
            {data.enabledLocationIds.length === 0 && (
              <EnableInboxCallout onEnabled={() => void setup.reload()} />
            )}
            <NumbersSection numbers={data.numbers} onChange={handleChange} />
            {data.twilioConnected && <WebhookHealthSection key={healthKey} />}
            <WebhookSection
              webhookUrl={data.webhookUrl}
              legacyWebhookUrl={data.legacyWebhookUrl}
              problem={data.webhookUrlProblem}
              previousTokenValidUntil={data.previousTokenValidUntil}
              onTokenRotated={handleChange}
            />
            <Box id={LOCATIONS_SECTION_ID} sx={{ scrollMarginTop: 16 }}>
              <LocationsSection
                enabledLocationIds={data.enabledLocationIds}
                onSaved={() => void setup.reload()}
              />
            </Box>
            <UninstallSection numbers={data.numbers} />
          </>
        )}
      </ApiContent>
    </PageContainer>
  );
}
