import Box from "@mui/material/Box";
import type { SxProps, Theme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import type { InboxNumber } from "../../../common/api";
import { ConversationList } from "./ConversationList";
import { NewConversationButton } from "./NewConversationButton";
import type { useConversationList } from "./useConversationList";

interface ConversationPaneProps {
  list: ReturnType<typeof useConversationList>;
  selectedId: string | null;
  canSend: boolean;
  numbers: InboxNumber[];
  /** Rendered between the heading and the list, such as a search box. */
  searchField?: ReactNode;
  /** Passed to ConversationList; null when `searchField` explains an empty list. */
  emptyText?: string | null;
  sx?: SxProps<Theme>;
}

/** Renders the left pane: heading, "New conversation" and the list. */
export function ConversationPane(props: ConversationPaneProps) {
  const { list, selectedId, canSend, numbers } = props;

  return (
    <Box
      sx={[
        {
          width: { xs: "100%", md: 360 },
          flexShrink: 0,
          flexDirection: "column",
          borderRight: 1,
          borderColor: "divider",
          bgcolor: "background.paper",
          minHeight: 0,
        },
        ...(Array.isArray(props.sx) ? props.sx : [props.sx]),
      ]}
    >
      <Box
        sx={{ display: "flex", alignItems: "center", gap: 1, p: 2, pb: 1.5 }}
      >
        <Typography variant="h1" sx={{ flex: 1, fontSize: "1.35rem" }}>
          Inbox
        </Typography>
        {canSend && (
          <NewConversationButton numbers={numbers} onStarted={list.upsert} />
        )}
      </Box>
      {props.searchField}
      <ConversationList
        list={list}
        selectedId={selectedId}
        emptyText={props.emptyText}
      />
    </Box>
  );
}
