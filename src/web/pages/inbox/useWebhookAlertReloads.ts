import { useCallback, useEffect, useRef } from "react";
import type { InboxEvent } from "../../../common/api";
import { useInboxEvents } from "./live/inboxEventsContext";
import {
  ALERT_POLL_MS,
  CREDENTIAL_FAILURE_RELOAD_DELAYS_MS,
  isCredentialsRejectedSend,
  isReturnReloadDue,
} from "./webhookAlertReloads";

/**
 * Reloads the webhook alerts that the caller loads on mount. Reloads run
 * every ALERT_POLL_MS while the tab is visible, and on returning to the
 * tab or window unless a load started within RETURN_RELOAD_MIN_INTERVAL_MS.
 * A live event that shows a text Twilio rejected with error 20003 adds one
 * reload at each of CREDENTIAL_FAILURE_RELOAD_DELAYS_MS.
 */
export function useWebhookAlertReloads(reload: () => Promise<void>): void {
  const latestReload = useRef(reload);
  useEffect(() => {
    latestReload.current = reload;
  });
  const lastStartedAt = useRef(0);
  const startReload = useCallback(() => {
    lastStartedAt.current = Date.now();
    void latestReload.current();
  }, []);

  useEffect(() => {
    lastStartedAt.current = Date.now();

    const poll = () => {
      if (document.visibilityState === "visible") startReload();
    };
    const reloadOnReturn = () => {
      if (document.visibilityState !== "visible") return;
      if (!isReturnReloadDue(lastStartedAt.current, Date.now())) return;

      startReload();
    };
    const timer = window.setInterval(poll, ALERT_POLL_MS);
    window.addEventListener("focus", reloadOnReturn);
    document.addEventListener("visibilitychange", reloadOnReturn);

    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", reloadOnReturn);
      document.removeEventListener("visibilitychange", reloadOnReturn);
    };
  }, [startReload]);

  useCredentialFailureReloads(startReload);
}

/**
 * Calls `startReload` at each of CREDENTIAL_FAILURE_RELOAD_DELAYS_MS after
 * a live event shows a text rejected with error 20003. Events that arrive
 * while those reloads are pending start no more, so a queue of rejected
 * texts costs one series.
 */
function useCredentialFailureReloads(startReload: () => void): void {
  const pending = useRef<number[]>([]);

  useInboxEvents(
    useCallback(
      (event: InboxEvent) => {
        if (!isCredentialsRejectedSend(event)) return;
        if (pending.current.length > 0) return;

        const lastIndex = CREDENTIAL_FAILURE_RELOAD_DELAYS_MS.length - 1;
        pending.current = CREDENTIAL_FAILURE_RELOAD_DELAYS_MS.map(
          (delayMs, index) =>
            window.setTimeout(() => {
              if (index === lastIndex) pending.current = [];
              startReload();
            }, delayMs),
        );
      },
      [startReload],
    ),
  );

  useEffect(
    () => () => {
      for (const timer of pending.current) window.clearTimeout(timer);
      pending.current = [];
    },
    [],
  );
}
