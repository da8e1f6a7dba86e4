import MarkChatUnreadIcon from "@mui/icons-material/MarkChatUnreadOutlined";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useMe } from "../../app/auth/authContext";
import { hasPermission, permissions } from "../../app/auth/permissions";
import { EmptyState } from "../../components/EmptyState";

/** Shown before the first text: explains the webhook that brings texts in. */
export function InboxEmptyState() {
  const me = useMe();
  const canManage = hasPermission(me, permissions.manageCompany);

  return (
    <EmptyState
      icon={<MarkChatUnreadIcon fontSize="inherit" />}
      title="No conversations yet"
    >
      <Typography sx={{ mb: 2 }}>
        Texts from customers appear here as they arrive. Each of your numbers
        needs its incoming-message webhook pointed at this inbox.{" "}
        {canManage
          ? "The setup page shows which numbers are ready and can set the webhook for you."
          : "If a customer has texted and nothing shows, ask a manager to check the SMS Inbox setup page."}
      </Typography>
      {canManage && (
        <Button href="/plugins/sms-chat/setup" variant="outlined">
          Open SMS Inbox setup
        </Button>
      )}
    </EmptyState>
  );
}
