import Box from "@mui/material/Box";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { PageContainer } from "../../components/PageContainer";
import { PageHeader } from "../../components/PageHeader";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { PluginCard } from "./PluginCard";

const pageHelp =
  "Add features to your dashboard. " +
  "Each plugin has a setup page after you install it.";

/** Shows the plugin catalogue, where managers install plugins. */
export function PluginsPage() {
  useDocumentTitle("Plugins");
  const { plugins, error, reload } = usePlugins();

  return (
    <PageContainer>
      <PageHeader title="Plugins" description={pageHelp} />
      <ErrorAlert error={error} onRetry={() => void reload()} />
      {plugins === null ? (
        !error && <LoadingState />
      ) : (
        <Box
          component="ul"
          aria-label="Plugin catalogue"
          sx={{
            listStyle: "none",
            p: 0,
            m: 0,
            display: "grid",
            gap: 2,
            gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))",
          }}
        >
          {plugins.map((plugin) => (
            <li key={plugin.id}>
              <PluginCard plugin={plugin} />
            </li>
          ))}
        </Box>
      )}
    </PageContainer>
  );
}
