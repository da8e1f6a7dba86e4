import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useCallback } from "react";
import type { Location } from "../../../common/api";
import { companyApi } from "../../api/company";
import { pluginsApi } from "../../api/plugins";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../hooks/useApi";
import { useSubmit } from "../../hooks/useSubmit";

/** The element id of the locations section that "Choose locations" opens. */
export const LOCATIONS_SECTION_ID = "inbox-locations";

interface EnableInboxCalloutProps {
  /** Runs after the inbox was enabled, so the page can reload its setup. */
  onEnabled(): void;
}

/**
 * Tells a manager that the inbox is enabled at no location, so the Inbox
 * menu item is hidden from everyone yet, and offers to enable it at every location or
 * to choose locations in the section below.
 */
export function EnableInboxCallout({ onEnabled }: EnableInboxCalloutProps) {
  const locations = useApi(useCallback(() => companyApi.locations(), []));
  const all = locations.data?.locations ?? null;

  return (
    <Alert severity="warning" aria-label="Inbox not enabled" sx={{ mb: 3 }}>
      <AlertTitle>The inbox is not enabled at any location yet</AlertTitle>
      No one sees the Inbox menu item until the inbox is enabled at a location.
      Staff at the enabled locations can then open it.
      {all !== null && <CalloutActions locations={all} onEnabled={onEnabled} />}
      <ErrorAlert
        error={locations.error}
        onRetry={() => void locations.reload()}
        sx={{ mt: 2 }}
      />
    </Alert>
  );
}

interface CalloutActionsProps {
  locations: Location[];
  onEnabled(): void;
}

function CalloutActions({ locations, onEnabled }: CalloutActionsProps) {
  const { reload: reloadPlugins } = usePlugins();
  const { run, pending, error } = useSubmit();
  const [first] = locations;
  if (!first) {
    return (
      <Stack spacing={1.5} sx={{ mt: 1.5, alignItems: "flex-start" }}>
        <div>Your company has no locations yet. Add one first.</div>
        <Button variant="contained" size="small" href="/locations">
          Add a location
        </Button>
      </Stack>
    );
  }

  const enableEverywhere = () =>
    void run(async () => {
      await pluginsApi.setLocations(SMS_INBOX_PLUGIN_ID, {
        locationIds: locations.map((location) => location.id),
      });
      // The Inbox menu item depends on these locations.
      await reloadPlugins();
      onEnabled();
    });
  const enableLabel =
    locations.length === 1
      ? `Enable at ${first.name}`
      : `Enable at all ${locations.length} locations`;

  return (
    <>
      <Stack direction="row" spacing={1.5} sx={{ mt: 1.5, flexWrap: "wrap" }}>
        <Button
          variant="contained"
          size="small"
          loading={pending}
          onClick={enableEverywhere}
        >
          {enableLabel}
        </Button>
        {locations.length > 1 && (
          <Button variant="outlined" size="small" onClick={openLocations}>
            Choose locations
          </Button>
        )}
      </Stack>
      <ErrorAlert error={error} sx={{ mt: 2 }} />
    </>
  );
}

/** Scrolls to the locations section and focuses its first checkbox. */
function openLocations(): void {
  const section = document.getElementById(LOCATIONS_SECTION_ID);
  if (!section) return;

  section.scrollIntoView({ behavior: "smooth", block: "start" });
  const checkbox = section.querySelector<HTMLInputElement>(
    'input[type="checkbox"]',
  );
  checkbox?.focus({ preventScroll: true });
}
