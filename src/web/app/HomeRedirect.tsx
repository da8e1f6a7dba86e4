import InboxIcon from "@mui/icons-material/Inbox";
import { EmptyState } from "../components/EmptyState";
import { LoadingState } from "../components/LoadingState";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useMe } from "./auth/authContext";
import { hasPermission, permissions } from "./auth/permissions";
import { usePlugins } from "./plugins/pluginsContext";
import { Redirect } from "./router/Redirect";

/** Opens the inbox when it is enabled, else settings for managers. */
export function HomeRedirect() {
  const me = useMe();
  const { inboxEnabled } = usePlugins();
  useDocumentTitle("Home");

  if (inboxEnabled === null) return <LoadingState />;
  if (inboxEnabled) return <Redirect to="/inbox" />;
  if (hasPermission(me, permissions.manageCompany)) {
    return <Redirect to="/settings" />;
  }

  return (
    <EmptyState
      icon={<InboxIcon fontSize="inherit" />}
      title="Nothing here yet"
    >
      The SMS inbox is not enabled at any of your locations. Ask a company owner
      to install it and enable it at your location.
    </EmptyState>
  );
}
