import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import type { ConversationSummary } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { ConversationCustomerActions } from "../customers/ConversationCustomerActions";
import { conversationTitle } from "./conversationTitle";
import { CustomerAvatar } from "./CustomerAvatar";
import { OptOutChip } from "./OptOutNotice";

function details(conversation: ConversationSummary): string {
  const inboxNumber = `via ${formatPhoneNumber(conversation.inboxNumber)}`;
  const titleIsNumber =
    !conversation.customer && conversation.customerMatches.length < 2;
  if (titleIsNumber) return inboxNumber;

  return `${formatPhoneNumber(conversation.customerNumber)} · ${inboxNumber}`;
}

/**
 * Shows the customer's name or number above the thread, with the inbox
 * number and the actions that choose which customer is texting.
 */
export function ThreadHeader(props: {
  conversation: ConversationSummary | undefined;
  onCustomerChanged(conversation: ConversationSummary): void;
}) {
  const { conversation, onCustomerChanged } = props;

  return (
    <Box
      component="header"
      sx={{
        display: "flex",
        alignItems: "center",
        gap: 1.5,
        px: 2,
        minHeight: 72,
        flexShrink: 0,
        borderBottom: 1,
        borderColor: "divider",
        bgcolor: "background.paper",
      }}
    >
      <IconButton
        href="/inbox"
        aria-label="Back to conversations"
        sx={{ display: { md: "none" } }}
      >
        <ArrowBackIcon />
      </IconButton>
      {conversation ? (
        <>
          <CustomerAvatar conversation={conversation} />
          <Box sx={{ minWidth: 0, flex: 1 }}>
            <Typography variant="h2" component="h2" noWrap>
              {conversationTitle(conversation)}
            </Typography>
            <Typography variant="body2" color="text.secondary" noWrap>
              {details(conversation)}
            </Typography>
          </Box>
          <ConversationCustomerActions
            conversation={conversation}
            onChanged={onCustomerChanged}
          />
          <OptOutChip conversation={conversation} />
        </>
      ) : (
        <Skeleton variant="text" width={200} height={40} />
      )}
    </Box>
  );
}
