import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import type { ConversationSummary, InboxNumber } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";
import { ConversationCustomerActions } from "../customers/ConversationCustomerActions";
import { conversationTitle } from "./conversationTitle";
import { CustomerAvatar } from "./CustomerAvatar";
import { OptOutChip } from "./OptOutNotice";
import { inboxNumberLabel } from "../../format/inboxNumber";
import { replyNumberOf } from "./replyNumber";

/**
 * Shows the customer's number, unless the title already is that number, and
 * the number replies go out on. Each number stays on one line, and the
 * reply number moves to a line of its own when both do not fit.
 */
function ConversationNumbers(props: {
  conversation: ConversationSummary;
  /** The number replies go out on, with its name when it has one. */
  replyNumber: { phoneNumber: string; name: string | null };
}) {
  const { conversation, replyNumber } = props;
  const titleIsNumber =
    !conversation.customer && conversation.customerMatches.length < 2;

  return (
    <Typography variant="body2" color="text.secondary">
      {!titleIsNumber && (
        <>
          <Box component="span" sx={{ whiteSpace: "nowrap" }}>
            {formatPhoneNumber(conversation.customerNumber)} ·
          </Box>{" "}
        </>
      )}
      <Box
        component="span"
        title="Replies go out on this number"
        sx={{ whiteSpace: "nowrap" }}
      >
        via {inboxNumberLabel(replyNumber)}
      </Box>
    </Typography>
  );
}

/**
 * Shows the customer's name or number above the thread, with the number
 * replies go out on and the actions that choose which customer is texting.
 * On narrow screens the actions wrap below, so the name and number stay
 * visible.
 */
export function ThreadHeader(props: {
  conversation: ConversationSummary | undefined;
  /** The company's inbox numbers, which decide the reply number. */
  numbers: InboxNumber[];
  onCustomerChanged(conversation: ConversationSummary): void;
}) {
  const { conversation, numbers, onCustomerChanged } = props;

  return (
    <Box
      component="header"
      sx={{
        display: "flex",
        flexWrap: "wrap",
        alignItems: "center",
        columnGap: 1.5,
        rowGap: 0.5,
        px: 2,
        py: 1,
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
        <ConversationIdentity
          conversation={conversation}
          numbers={numbers}
          onCustomerChanged={onCustomerChanged}
        />
      ) : (
        <Skeleton variant="text" width={200} height={40} />
      )}
    </Box>
  );
}

/**
 * Minimum width of the name and number column in px. When the row cannot
 * also fit the actions, they wrap onto a second line.
 */
const IDENTITY_MIN_WIDTH = 200;

function ConversationIdentity(props: {
  conversation: ConversationSummary;
  numbers: InboxNumber[];
  onCustomerChanged(conversation: ConversationSummary): void;
}) {
  const { conversation, numbers, onCustomerChanged } = props;
  const title = conversationTitle(conversation);

  return (
    <>
      <CustomerAvatar conversation={conversation} />
      <Box
        sx={{
          flex: `1 1 ${IDENTITY_MIN_WIDTH}px`,
          minWidth: IDENTITY_MIN_WIDTH,
        }}
      >
        <Typography variant="h2" component="h2" noWrap title={title}>
          {title}
        </Typography>
        <ConversationNumbers
          conversation={conversation}
          replyNumber={namedReplyNumber(conversation, numbers)}
        />
      </Box>
      <Box
        sx={{
          display: "flex",
          flexWrap: "wrap",
          alignItems: "center",
          gap: 1,
          minWidth: 0,
        }}
      >
        <ConversationCustomerActions
          conversation={conversation}
          onChanged={onCustomerChanged}
        />
        <OptOutChip conversation={conversation} />
      </Box>
    </>
  );
}

/** Returns the reply number of `conversation` with its inbox name. */
function namedReplyNumber(
  conversation: ConversationSummary,
  numbers: InboxNumber[],
): { phoneNumber: string; name: string | null } {
  const phoneNumber = replyNumberOf(conversation, numbers);
  const name =
    numbers.find((number) => number.phoneNumber === phoneNumber)?.name ?? null;

  return { phoneNumber, name };
}
