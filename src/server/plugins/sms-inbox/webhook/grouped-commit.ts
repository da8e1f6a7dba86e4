import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { Database } from "../../../db/schema.js";
import { writeSearchEntriesAtEnd } from "../search/message-search-index.js";

/**
 * Maximum writes that share one transaction. It bounds how long a group
 * holds SQLite's write lock.
 */
export const MAX_WRITES_PER_COMMIT = 64;

type Write<T> = (trx: Transaction<Database>) => Promise<T>;

interface PendingWrite {
  write: Write<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  pending: PendingWrite[];
  running: boolean;
}

/** The write queue of each SQLite database. */
const queues = new WeakMap<Db, Queue>();

/*
 * Group commit on SQLite. A commit is the most expensive step of a short write
 * there, because it flushes the FTS5 search segments and appends the WAL.
 * Writes that arrive while a group is committing therefore wait and then
 * run together in the next transaction. When any write of a group throws,
 * that transaction is rolled back and every write of the group runs again
 * in a transaction of its own, so one failing write never undoes or fails
 * another. Writes must therefore have no effect outside the database that
 * a rerun would repeat. Every write resolves only after the transaction
 * that contains it has committed. The search entries of the messages a
 * group stores are written after its last write (see
 * search/message-search-index.ts).
 *
 * PostgreSQL gets one transaction per write. There a group would hold the
 * company's event log lock (events/event-log.ts) while a later write of
 * the group takes row locks, which can deadlock with other writers that
 * take the same row locks before the event log lock. Plain texts are
 * grouped there instead by one statement that appends their events last
 * (conversations/inbound-text-statement.ts).
 */

/**
 * Runs `write` in a transaction and resolves with its result once that
 * transaction has committed. On SQLite the transaction may be shared with
 * other writes queued meanwhile.
 */
export function commitInGroup<T>(db: Db, write: Write<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction().execute(write);

  let queue = queues.get(db);
  if (!queue) {
    queue = { pending: [], running: false };
    queues.set(db, queue);
  }
  const target = queue;

  return new Promise<T>((resolve, reject) => {
    target.pending.push({
      write,
      resolve: resolve as (value: unknown) => void,
      reject,
    });
    if (target.running) return;

    // Starting on the next turn of the event loop lets the other requests
    // that are already in progress queue their writes for the same group.
    target.running = true;
    setImmediate(() => void drain(db, target));
  });
}

async function drain(db: Db, queue: Queue): Promise<void> {
  try {
    while (queue.pending.length > 0) {
      const group = queue.pending.splice(0, MAX_WRITES_PER_COMMIT);
      await commitGroup(db, group);
    }
  } finally {
    queue.running = false;
  }
}

async function commitGroup(db: Db, group: PendingWrite[]): Promise<void> {
  if (group.length > 1) {
    try {
      const values = await db.transaction().execute((trx) =>
        writeSearchEntriesAtEnd(trx, async () => {
          const results: unknown[] = [];
          for (const pending of group) results.push(await pending.write(trx));

          return results;
        }),
      );
      group.forEach((pending, index) => pending.resolve(values[index]));

      return;
    } catch {
      // The group was rolled back as a whole, so each write runs again alone.
    }
  }

  for (const pending of group) {
    try {
      pending.resolve(await db.transaction().execute(pending.write));
    } catch (error) {
      pending.reject(error);
    }
  }
}
