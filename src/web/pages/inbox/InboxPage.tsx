import Box from "@mui/material/Box";
import { useCallback } from "react";
import { inboxApi } from "../../api/smsInbox";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useShareUnreadTotal } from "../../app/shell/unreadTotalContext";
import { useApi } from "../../hooks/useApi";
import { useDocumentTitle } from "../../hooks/useDocumentTitle";
import { ConversationPane } from "./ConversationPane";
import { InboxSearch } from "./InboxSearch";
import { InboxUnavailable } from "./InboxUnavailable";
import { InboxEventsProvider } from "./live/InboxEventsProvider";
import { useInboxPollMs, useInboxResync } from "./live/inboxEventsContext";
import { loadSnapshot } from "./live/liveValues";
import { useTotalUnread } from "./live/useTotalUnread";
import { NoConversationSelected } from "./NoConversationSelected";
import { ThreadPane } from "./ThreadPane";
import { useConversationList } from "./useConversationList";
import { useInboxSearch } from "./useInboxSearch";
import { useMarkRead } from "./useMarkRead";
import { WebhookAlertBanner } from "./WebhookAlertBanner";

/**
 * Places the alerts above the thread on wide screens, beside the full-height
 * list. Phones show either the list or the thread in "main", so the alerts
 * sit above whichever of the two is shown.
 */
const inboxGridSx = {
  display: "grid",
  gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "360px minmax(0, 1fr)" },
  gridTemplateRows: "auto minmax(0, 1fr)",
  gridTemplateAreas: { xs: '"alerts" "main"', md: '"list alerts" "list main"' },
  flex: 1,
  minWidth: 0,
  minHeight: 0,
};

interface InboxPageProps {
  conversationId: string | null;
}

/** Shows the shared inbox, kept current by the tab's live-update stream. */
export function InboxPage(props: InboxPageProps) {
  return (
    <InboxEventsProvider>
      <InboxView {...props} />
    </InboxEventsProvider>
  );
}

/** Lays out conversations on the left and the thread on the right. */
function InboxView({ conversationId }: InboxPageProps) {
  const loadInfo = useCallback(() => loadSnapshot(() => inboxApi.info()), []);
  // Polling failures show once, here, since the list and thread fail alike.
  const info = useApi(loadInfo, { pollMs: useInboxPollMs() });
  const list = useConversationList();
  const search = useInboxSearch();
  const selected = list.conversations.find(
    (item) => item.id === conversationId,
  );

  const totalUnread = useTotalUnread(info.data);
  useShareUnreadTotal(info.data ? totalUnread : null);
  useDocumentTitle("Inbox");

  const reloadInfo = info.reload;
  useInboxResync(reloadInfo);
  const reloadList = list.reload;
  const handleRead = useCallback(() => {
    void reloadInfo();
    void reloadList();
  }, [reloadInfo, reloadList]);
  useMarkRead(conversationId, selected?.unreadCount ?? 0, handleRead);

  if (!info.data) {
    if (info.error) {
      return <InboxUnavailable error={info.error} onRetry={reloadInfo} />;
    }

    return <LoadingState />;
  }

  const { canSend, numbers } = info.data.value;
  const threadSx = {
    display: { xs: conversationId ? "flex" : "none", md: "flex" },
  };
  const alertSx = { mx: { xs: 1, md: 2 }, mt: { xs: 1, md: 2 } };

  return (
    <Box sx={inboxGridSx}>
      <Box sx={{ gridArea: "alerts", minWidth: 0 }}>
        <ErrorAlert error={info.error} sx={alertSx} />
        <WebhookAlertBanner sx={alertSx} />
      </Box>
      <ConversationPane
        list={search.list ?? list}
        searchField={<InboxSearch search={search} />}
        emptyText={search.list ? null : undefined}
        selectedId={conversationId}
        canSend={canSend}
        numbers={numbers}
        sx={{
          gridArea: { xs: "main", md: "list" },
          display: { xs: conversationId ? "none" : "flex", md: "flex" },
        }}
      />
      <Box
        sx={{
          gridArea: "main",
          minWidth: 0,
          minHeight: 0,
          flexDirection: "column",
          ...threadSx,
        }}
      >
        {conversationId ? (
          <ThreadPane
            key={conversationId}
            conversationId={conversationId}
            summary={selected}
            canSend={canSend}
            numbers={numbers}
            onSent={list.upsert}
          />
        ) : (
          <NoConversationSelected
            canSend={canSend}
            hasConversations={list.conversations.length > 0}
          />
        )}
      </Box>
    </Box>
  );
}
