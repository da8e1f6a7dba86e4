import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { ApiError } from "../../api/ApiError";
import { inboxApi } from "../../api/smsInbox";
import { livePollMs } from "../../pages/inbox/live/inboxEventsContext";
import { usePlugins } from "../plugins/pluginsContext";
import {
  UnreadTotalContext,
  type UnreadTotalContextValue,
} from "./unreadTotalContext";

/**
 * Keeps the inbox's unread count for the menu badge and the tab title.
 * While the inbox page is open, that page reports the count from its live
 * updates. On other pages the provider polls GET
 * /api/plugins/sms-chat/inbox every 30 seconds while the tab is visible,
 * and once when the tab becomes visible again.
 */
export function UnreadTotalProvider({ children }: { children: ReactNode }) {
  const { inboxEnabled } = usePlugins();
  const [total, setTotal] = useState<number | null>(null);
  const [claimed, setClaimed] = useState(false);
  const claims = useRef(0);

  const claim = useCallback(() => {
    claims.current += 1;
    setClaimed(true);

    return () => {
      claims.current -= 1;
      setClaimed(claims.current > 0);
    };
  }, []);

  usePolledTotal(inboxEnabled === true && !claimed, claims, setTotal);

  const value = useMemo<UnreadTotalContextValue>(
    () => ({
      total: inboxEnabled ? total : null,
      claim,
      report: setTotal,
    }),
    [inboxEnabled, total, claim],
  );

  return (
    <UnreadTotalContext.Provider value={value}>
      {children}
    </UnreadTotalContext.Provider>
  );
}

/**
 * Loads the count now and every livePollMs while `active`. It stops after
 * a 4xx response, such as 403 for staff whose locations have no inbox.
 */
function usePolledTotal(
  active: boolean,
  claims: { current: number },
  setTotal: (total: number | null) => void,
): void {
  useEffect(() => {
    if (!active) return;

    let stopped = false;
    const load = () => {
      if (stopped || claims.current > 0) return;
      if (document.visibilityState === "hidden") return;

      inboxApi.info().then(
        (info) => {
          if (!stopped && claims.current === 0) setTotal(info.totalUnread);
        },
        (error: unknown) => {
          if (!(error instanceof ApiError)) return;

          if (error.status >= 400 && error.status < 500) stopped = true;
        },
      );
    };
    load();
    const timer = window.setInterval(load, livePollMs);
    document.addEventListener("visibilitychange", load);

    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", load);
    };
  }, [active, claims, setTotal]);
}
