import type { Db } from "../../../db/database.js";

// One signal per database handle, so a worker hears only the sends
// committed to the database it polls, and tests with private databases
// stay apart.
const signals = new WeakMap<Db, EventTarget>();

function signalOf(db: Db): EventTarget {
  let signal = signals.get(db);
  if (!signal) {
    signal = new EventTarget();
    signals.set(db, signal);
  }

  return signal;
}

/**
 * Wakes the outbox workers of this process that poll `db`, after a send
 * was committed. Workers in other processes find the job on their next poll.
 */
export function notifyOutbox(db: Db): void {
  signalOf(db).dispatchEvent(new Event("queued"));
}

/** Calls `listener` on every notifyOutbox(db) until the returned function
 * is called. */
export function onOutboxNotify(db: Db, listener: () => void): () => void {
  const signal = signalOf(db);
  signal.addEventListener("queued", listener);

  return () => signal.removeEventListener("queued", listener);
}
