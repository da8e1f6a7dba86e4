import { useCallback } from "react";
import { companyApi } from "../../api/company";
import { ApiContent } from "../../components/ApiContent";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { SectionCard } from "../../components/SectionCard";
import { useApi } from "../../hooks/useApi";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { CompanyForm } from "./CompanyForm";
import { TwilioForm } from "./TwilioForm";

const twilioHelp =
  "The Twilio account your company texts from. " +
  "Plugins reuse this connection.";

/** Company details and the Twilio connection that every plugin uses. */
export function SettingsPage() {
  useDocumentTitle("Settings");
  const company = useApi(useCallback(() => companyApi.get(), []));
  const twilio = useApi(useCallback(() => companyApi.twilio(), []));

  return (
    <PageContainer>
      <PageHeader
        title="Settings"
        description="Your company's details and its Twilio connection."
      />
      <SectionCard title="Company">
        <ApiContent result={company}>
          {(data) => <CompanyForm company={data} />}
        </ApiContent>
      </SectionCard>
      <SectionCard title="Twilio connection" description={twilioHelp}>
        <ApiContent result={twilio}>
          {(data) => <TwilioForm connection={data} />}
        </ApiContent>
      </SectionCard>
    </PageContainer>
  );
}
