import ErrorIcon from "@mui/icons-material/ErrorOutlined";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import Typography from "@mui/material/Typography";
import type { ConversationSummary } from "../../../common/api";
import { VisuallyHidden } from "../../components/VisuallyHidden";
import { formatFullTime, formatListTime } from "../../format/time";
import { CustomerAvatar } from "./CustomerAvatar";
import { conversationTitle } from "./conversationTitle";

interface ConversationListItemProps {
  conversation: ConversationSummary;
  selected: boolean;
  now: number;
}

/**
 * Links to one conversation, showing customer, time, preview and unread,
 * and marks it when its last text did not reach the customer.
 */
export function ConversationListItem(props: ConversationListItemProps) {
  const { conversation, selected, now } = props;
  // The open conversation is being read, so its badge is cleared at once.
  const unread = selected ? 0 : conversation.unreadCount;
  const isUnread = unread > 0;

  return (
    <ListItem disablePadding>
      <ListItemButton
        href={`/inbox/${encodeURIComponent(conversation.id)}`}
        selected={selected}
        aria-current={selected ? "page" : undefined}
        sx={{ gap: 1.5, py: 1.5, alignItems: "flex-start" }}
      >
        <CustomerAvatar conversation={conversation} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Box sx={{ display: "flex", alignItems: "baseline", gap: 1 }}>
            <Typography
              noWrap
              title={matchNames(conversation)}
              sx={{ flex: 1, fontWeight: isUnread ? 700 : 600 }}
            >
              {conversationTitle(conversation)}
            </Typography>
            <Typography
              component="time"
              dateTime={conversation.lastMessageAt}
              title={formatFullTime(conversation.lastMessageAt)}
              variant="caption"
              color={isUnread ? "primary" : "text.secondary"}
              sx={{ flexShrink: 0 }}
            >
              {formatListTime(conversation.lastMessageAt, now)}
            </Typography>
          </Box>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
            <Typography
              variant="body2"
              noWrap
              color={isUnread ? "text.primary" : "text.secondary"}
              sx={{ flex: 1 }}
            >
              {conversation.lastMessageFailed && <NotDeliveredMark />}
              {conversation.lastMessagePreview}
            </Typography>
            {isUnread && (
              <>
                <Chip
                  label={unread}
                  color="primary"
                  size="small"
                  aria-hidden
                  sx={{ height: 20, minWidth: 20, fontWeight: 700 }}
                />
                <VisuallyHidden>{`${unread} unread`}</VisuallyHidden>
              </>
            )}
          </Box>
        </Box>
      </ListItemButton>
    </ListItem>
  );
}

/**
 * Starts the preview of a conversation whose last text did not reach the
 * customer. The words are part of the link's accessible name, so screen
 * readers announce them too.
 */
function NotDeliveredMark() {
  return (
    <>
      <Box
        component="span"
        title="The last text was not delivered. Open the conversation to see why."
        sx={{ color: "error.main", fontWeight: 600 }}
      >
        <ErrorIcon
          aria-hidden
          sx={{ fontSize: 16, mr: 0.25, verticalAlign: "text-bottom" }}
        />
        Not delivered:
      </Box>{" "}
    </>
  );
}

/** Lists every customer sharing the number, for a title that shows only one. */
function matchNames(conversation: ConversationSummary): string | undefined {
  const names = conversation.customerMatches.map((match) => match.name);

  return names.length > 1 ? `Shared by ${names.join(", ")}` : undefined;
}
