import BlockIcon from "@mui/icons-material/Block";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import type { ConversationSummary } from "../../../common/api";
import { formatFullTime } from "../../format/time";
import { optOutExplanation, optOutLabel } from "./optOutText";

/** Marks an opted-out customer in the thread header. */
export function OptOutChip({
  conversation,
}: {
  conversation: ConversationSummary;
}) {
  const { optOut } = conversation;
  if (!optOut.optedOut) return null;

  return (
    <Chip
      icon={<BlockIcon />}
      label={
        <>
          {/* Narrow screens keep the customer's name; the notice above the
              composer gives the details. */}
          <Box component="span" sx={{ display: { xs: "inline", sm: "none" } }}>
            Opted out
          </Box>
          <Box component="span" sx={{ display: { xs: "none", sm: "inline" } }}>
            {optOutLabel(optOut)}
          </Box>
        </>
      }
      color="warning"
      variant="outlined"
      size="small"
      title={optOut.at ? formatFullTime(optOut.at) : undefined}
      sx={{ flexShrink: 0, maxWidth: "100%" }}
    />
  );
}

/** Explains above the disabled composer why texts cannot be sent. */
export function OptOutNotice({
  conversation,
}: {
  conversation: ConversationSummary;
}) {
  return (
    <Alert severity="warning" icon={<BlockIcon />} sx={{ mb: 1.5 }}>
      {optOutExplanation(conversation)}
    </Alert>
  );
}
