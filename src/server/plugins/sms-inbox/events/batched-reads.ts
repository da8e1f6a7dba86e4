import type { Db } from "../../../db/database.js";
import {
  countUnreadMessagesForStaff,
  findConversationSummariesForStaff,
  type ConversationSummaryRow,
} from "../conversations/conversation-queries.js";
import {
  listCompanyEventsAfter,
  type InboxEventRow,
  type StreamViewer,
} from "./event-queries.js";
import { TickBatcher } from "./tick-batcher.js";

/*
 * The streams of one process that one event wakes make the same reads at
 * the same moment, each for its own staff member. These batchers run one
 * statement per company and kind of read for the reads made in one turn of
 * the event loop, for the set of staff members involved. Every group key
 * contains the company id, and every statement filters on it, so a result
 * never contains another company's rows.
 */

/** A stream's share of one read of the company's event log. */
export interface EventLogBatch {
  /** The events of the batch that are for the viewer, oldest first. */
  rows: InboxEventRow[];
  /** Id of the batch's last event for any staff member, or null if none. */
  lastId: number | null;
  /** True when the read returned `limit` events, so more may follow. */
  full: boolean;
}

interface LogGroup {
  companyId: string;
  afterId: number;
  limit: number;
}

interface ConversationGroup {
  companyId: string;
  conversationId: string;
}

interface Batchers {
  log: TickBatcher<LogGroup, EventLogBatch>;
  summaries: TickBatcher<ConversationGroup, ConversationSummaryRow | undefined>;
  unread: TickBatcher<string, number>;
}

const batchersByDb = new WeakMap<Db, Batchers>();

function batchersOf(db: Db): Batchers {
  let batchers = batchersByDb.get(db);
  if (!batchers) {
    batchers = createBatchers(db);
    batchersByDb.set(db, batchers);
  }

  return batchers;
}

function createBatchers(db: Db): Batchers {
  return {
    log: new TickBatcher(
      (group) => JSON.stringify([group.companyId, group.afterId, group.limit]),
      async (group) => {
        const rows = await listCompanyEventsAfter(
          db,
          group.companyId,
          group.afterId,
          group.limit,
        );

        const lastId = rows.at(-1)?.id ?? null;
        const full = rows.length === group.limit;

        return (staffId) => ({
          rows: rows.filter(
            (row) => row.staff_id === null || row.staff_id === staffId,
          ),
          lastId,
          full,
        });
      },
    ),
    summaries: new TickBatcher(
      (group) => JSON.stringify([group.companyId, group.conversationId]),
      async (group, staffIds) => {
        const summaries = await findConversationSummariesForStaff(
          db,
          group.companyId,
          staffIds,
          group.conversationId,
        );

        return (staffId) => summaries.get(staffId);
      },
    ),
    unread: new TickBatcher(
      (companyId) => companyId,
      async (companyId, staffIds) => {
        const counts = await countUnreadMessagesForStaff(
          db,
          companyId,
          staffIds,
        );

        return (staffId) => counts.get(staffId) ?? 0;
      },
    ),
  };
}

/**
 * Reads the viewer's events after `afterId`. Streams of the company at the
 * same position share one read of up to `limit` events for every staff
 * member, filtered here to those for everyone and those for the viewer.
 * `lastId` and `full` describe the unfiltered read, so a stream that moves
 * its cursor to `lastId` skips no event and receives none twice.
 */
export function readEventLog(
  db: Db,
  viewer: StreamViewer,
  afterId: number,
  limit: number,
): Promise<EventLogBatch> {
  const group = { companyId: viewer.companyId, afterId, limit };

  return batchersOf(db).log.load(group, viewer.staffId);
}

/** Loads the conversation's summary as the viewer sees it. */
export function loadViewerSummary(
  db: Db,
  viewer: StreamViewer,
  conversationId: string,
): Promise<ConversationSummaryRow | undefined> {
  const group = { companyId: viewer.companyId, conversationId };

  return batchersOf(db).summaries.load(group, viewer.staffId);
}

/** Counts the viewer's unread texts across the company. */
export function loadViewerUnread(
  db: Db,
  viewer: StreamViewer,
): Promise<number> {
  return batchersOf(db).unread.load(viewer.companyId, viewer.staffId);
}
