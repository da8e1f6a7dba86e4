import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import { SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { usePlugins } from "../../app/plugins/pluginsContext";

/**
 * Points a manager from the saved Twilio connection to Plugins while SMS
 * Inbox is not installed or not enabled at any location, because the Inbox
 * menu item stays hidden until then. Renders nothing for staff without
 * Manage company, while the catalogue loads, or when it failed to load.
 */
export function InboxNextStep() {
  const me = useMe();
  const { plugins } = usePlugins();
  if (!hasPermission(me, permissions.manageCompany) || plugins === null) {
    return null;
  }

  const inbox = plugins.find((plugin) => plugin.id === SMS_INBOX_PLUGIN_ID);
  if (!inbox) return null;
  if (inbox.installed && inbox.enabledLocationIds.length > 0) return null;

  return (
    <Alert severity="info" aria-label="Next step">
      <AlertTitle>Next: set up SMS Inbox</AlertTitle>
      {inbox.installed
        ? "SMS Inbox is installed but not enabled at any location yet. Open its setup in Plugins and enable it there."
        : "Install SMS Inbox in Plugins, then enable it at a location."}{" "}
      The Inbox menu item appears once it is enabled.
      <div>
        <Button
          variant="contained"
          size="small"
          href="/plugins"
          sx={{ mt: 1.5 }}
        >
          Open plugins
        </Button>
      </div>
    </Alert>
  );
}
