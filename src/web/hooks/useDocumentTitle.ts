import { useEffect } from "react";

const appName = "sms-inbox";

/** Sets the browser tab title to "<title> · sms-inbox". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title === "" ? appName : `${title} · ${appName}`;
  }, [title]);
}
