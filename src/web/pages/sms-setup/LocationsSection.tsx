import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { companyApi } from "../../api/company";
import { pluginsApi } from "../../api/plugins";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { ApiContent } from "../../components/ApiContent";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SavedNotice } from "../../components/SavedNotice";
import { SectionCard } from "../../components/SectionCard";
import { useApi } from "../../hooks/useApi";
import { useSubmit } from "../../hooks/useSubmit";

const locationsHelp =
  "Staff at these locations can open the inbox. " +
  "Conversations are shared across all of them.";

interface LocationsSectionProps {
  enabledLocationIds: string[];
  /** Runs after the locations were saved. */
  onSaved(): void;
}

/** Chooses the locations whose staff can use the inbox. */
export function LocationsSection(props: LocationsSectionProps) {
  const locations = useApi(useCallback(() => companyApi.locations(), []));
  const { reload: reloadPlugins } = usePlugins();
  const [selected, setSelected] = useState(
    () => new Set(props.enabledLocationIds),
  );
  // Follows changes made elsewhere on the page, such as the callout's
  // "Enable at all locations".
  const enabledKey = props.enabledLocationIds.join(",");
  useEffect(() => {
    setSelected(new Set(enabledKey === "" ? [] : enabledKey.split(",")));
  }, [enabledKey]);
  const [saved, setSaved] = useState(false);
  const { run, pending, error } = useSubmit();

  const toggle = (id: string, checked: boolean) => {
    setSaved(false);
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const listing = await pluginsApi.setLocations(SMS_INBOX_PLUGIN_ID, {
        locationIds: [...selected],
      });
      setSelected(new Set(listing.enabledLocationIds));
      setSaved(true);
      // The Inbox navigation item depends on these locations.
      await reloadPlugins();
      props.onSaved();
    });
  };

  return (
    <SectionCard title="Enabled at locations" description={locationsHelp}>
      <ApiContent result={locations}>
        {({ locations: all }) => (
          <Stack component="form" spacing={2} onSubmit={handleSubmit}>
            {all.length === 0 && (
              <Typography color="text.secondary">
                Your company has no locations yet.
              </Typography>
            )}
            <FormGroup aria-label="Locations">
              {all.map((location) => (
                <FormControlLabel
                  key={location.id}
                  label={location.name}
                  control={
                    <Checkbox
                      checked={selected.has(location.id)}
                      onChange={(event) =>
                        toggle(location.id, event.target.checked)
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
            <ErrorAlert error={error} />
            <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
              <Button type="submit" variant="contained" loading={pending}>
                Save
              </Button>
              <SavedNotice show={saved && !pending} />
            </Stack>
          </Stack>
        )}
      </ApiContent>
    </SectionCard>
  );
}
