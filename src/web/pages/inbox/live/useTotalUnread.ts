import type { InboxEvent, InboxInfo } from "../../../../common/api";
import { splitBySnapshot, useLiveValues, type Snapshot } from "./liveValues";

const selectTotal = (event: InboxEvent): [string, number] => [
  "total",
  event.totalUnread,
];

/**
 * Returns the staff member's unread count across the inbox, for the tab
 * title: from the latest live event when it is newer than the REST
 * snapshot, else from the snapshot.
 */
export function useTotalUnread(info: Snapshot<InboxInfo> | null): number {
  const live = useLiveValues(selectTotal);
  const { after } = splitBySnapshot(live, info?.startedAt ?? null);

  return after[0] ?? info?.value.totalUnread ?? 0;
}
