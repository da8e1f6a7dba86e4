import ExtensionIcon from "@mui/icons-material/ExtensionOutlined";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardActions from "@mui/material/CardActions";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import { alpha } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import type { PluginListing } from "../../../common/api";
import { pluginsApi } from "../../api/plugins";
import { usePlugins } from "../../app/plugins/pluginsContext";
import { useRouter } from "../../app/router/routerContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSubmit } from "../../hooks/useSubmit";

/** Shows one catalogue entry with its install state and actions. */
export function PluginCard({ plugin }: { plugin: PluginListing }) {
  const { reload } = usePlugins();
  const { navigate } = useRouter();
  const { run, pending, error } = useSubmit();

  const handleInstall = () =>
    void run(async () => {
      const installed = await pluginsApi.install(plugin.id);
      await reload();
      navigate(installed.setupPath);
    });

  return (
    <Card
      component="article"
      aria-label={plugin.name}
      sx={{ height: "100%", display: "flex", flexDirection: "column" }}
    >
      <CardContent sx={{ flex: 1 }}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1.5, mb: 1.5 }}>
          <Avatar
            sx={{
              bgcolor: (theme) => alpha(theme.palette.primary.main, 0.1),
              color: "primary.main",
            }}
          >
            <ExtensionIcon />
          </Avatar>
          <Typography variant="h2" component="h2" sx={{ flex: 1 }}>
            {plugin.name}
          </Typography>
          {plugin.installed && (
            <Chip label="Installed" color="success" size="small" />
          )}
        </Box>
        <Typography color="text.secondary">{plugin.description}</Typography>
        {plugin.installed && plugin.enabledLocationIds.length === 0 && (
          <Typography color="warning.dark" sx={{ mt: 1.5 }}>
            Not enabled at any location yet, so no one can use it. Open setup to
            enable it.
          </Typography>
        )}
        <ErrorAlert error={error} sx={{ mt: 2 }} />
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        {plugin.installed ? (
          <Button variant="outlined" href={plugin.setupPath}>
            Open setup
          </Button>
        ) : (
          <Button variant="contained" onClick={handleInstall} loading={pending}>
            Install
          </Button>
        )}
      </CardActions>
    </Card>
  );
}
