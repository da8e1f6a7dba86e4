import { useEffect, useState, type ReactNode } from "react";
import { SMS_INBOX_PLUGIN_ID } from "../../../api/smsInbox";
import { InboxEventConnection } from "./inboxEventConnection";
import { InboxEventsContext } from "./inboxEventsContext";

const eventsUrl = `/api/plugins/${SMS_INBOX_PLUGIN_ID}/events`;

/** Opens the tab's one live-update stream for the inbox inside it. */
export function InboxEventsProvider({ children }: { children: ReactNode }) {
  const [connection] = useState(
    () => new InboxEventConnection(eventsUrl, (url) => new EventSource(url)),
  );

  useEffect(() => {
    connection.start();

    return () => connection.stop();
  }, [connection]);

  return (
    <InboxEventsContext.Provider value={connection}>
      {children}
    </InboxEventsContext.Provider>
  );
}
