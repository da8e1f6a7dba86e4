import Divider from "@mui/material/Divider";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useCallback } from "react";
import { staffApi } from "../../../api/admin";
import { companyApi } from "../../../api/company";
import { pluginsApi } from "../../../api/plugins";
import { SMS_INBOX_PLUGIN_ID } from "../../../api/smsInbox";
import { useAuth } from "../../../app/auth/authContext";
import { usePlugins } from "../../../app/plugins/pluginsContext";
import { ApiContent } from "../../../components/ApiContent";
import { PageContainer } from "../../../components/PageContainer";
import { PageHeader } from "../../../components/PageHeader";
import { SectionCard } from "../../../components/SectionCard";
import { useApi } from "../../../hooks/useApi";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { AddLocationForm } from "./AddLocationForm";
import { LocationRow } from "./LocationRow";

async function loadLocationsPage() {
  const [locations, staff] = await Promise.all([
    companyApi.locations(),
    staffApi.list(),
  ]);

  return { locations: locations.locations, staff: staff.staff };
}

/** Lists locations with their staff and where SMS Inbox is enabled. */
export function LocationsPage() {
  useDocumentTitle("Locations");
  const page = useApi(useCallback(loadLocationsPage, []));
  const { plugins, reload: reloadPlugins } = usePlugins();
  const { reload: reloadAuth } = useAuth();
  const inbox = plugins?.find((plugin) => plugin.id === SMS_INBOX_PLUGIN_ID);
  const enabledIds = inbox?.installed ? inbox.enabledLocationIds : null;

  const handleChanged = () => {
    void page.reload();
    void reloadPlugins();
    // The manager's own locations appear in the session.
    void reloadAuth();
  };

  const toggleInbox = async (locationId: string, enabled: boolean) => {
    const current = enabledIds ?? [];
    const next = enabled
      ? [...current, locationId]
      : current.filter((id) => id !== locationId);
    await pluginsApi.setLocations(SMS_INBOX_PLUGIN_ID, { locationIds: next });
    await reloadPlugins();
  };

  return (
    <PageContainer>
      <PageHeader
        title="Locations"
        description="The places your staff work. Plugins are enabled per location."
      />
      <ApiContent result={page}>
        {(data) => (
          <SectionCard title="Locations">
            <TableContainer sx={{ mb: 2 }}>
              <Table aria-label="Locations" size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Name</TableCell>
                    <TableCell>Staff</TableCell>
                    <TableCell>SMS Inbox</TableCell>
                    <TableCell align="right">Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.locations.map((location) => (
                    <LocationRow
                      key={location.id}
                      location={location}
                      staffCount={
                        data.staff.filter((member) =>
                          member.locationIds.includes(location.id),
                        ).length
                      }
                      inboxEnabled={
                        enabledIds === null
                          ? null
                          : enabledIds.includes(location.id)
                      }
                      onToggleInbox={(enabled) =>
                        toggleInbox(location.id, enabled)
                      }
                      onChanged={handleChanged}
                    />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Divider sx={{ mb: 2.5 }} />
            <AddLocationForm onAdded={handleChanged} />
          </SectionCard>
        )}
      </ApiContent>
    </PageContainer>
  );
}
