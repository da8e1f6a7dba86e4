import { useEffect } from "react";
import { useUnreadTotal } from "../app/shell/unreadTotalContext";
import { documentTitle } from "../app/shell/unreadText";

/**
 * Sets the browser tab title to "<title> · sms-inbox", led by the inbox's
 * unread count inside the app shell, as in "(3) Inbox · sms-inbox".
 */
export function useDocumentTitle(title: string): void {
  const unread = useUnreadTotal();

  useEffect(() => {
    document.title = documentTitle(title, unread);
  }, [title, unread]);
}
