import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/*
 * WAL checkpoints on a thread of their own. By default SQLite checkpoints
 * inside the COMMIT that takes the write-ahead log past 1,000 pages, and
 * that COMMIT copies the log's pages into the database file and syncs
 * both. better-sqlite3 runs it on the event loop, so every request waiting
 * on the loop waits for the disk too. Here a worker thread with its own
 * connection runs a PASSIVE checkpoint at a fixed interval, which SQLite
 * documents as copying what it can without waiting for readers or
 * writers. The server's connection keeps an automatic checkpoint at a
 * larger log size, and goes back to SQLite's default if the thread stops.
 *
 * Only a writer can restart the log from its start, and only when every
 * frame is already in the database file. Under steady writes new frames
 * arrive while the worker copies, so the log grows until the server's own
 * checkpoint runs: at 2,000 pages that kept the log under about 11 MB, and
 * that checkpoint, with little left to copy, held a COMMIT for at most
 * about 25 ms in a test that wrote without pause.
 */

/** How often the worker checkpoints, in milliseconds. */
export const CHECKPOINT_INTERVAL_MS = 250;

/** Log pages at which the server's own connection checkpoints anyway. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 2_000;

/** SQLite's default automatic checkpoint, in pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/** How long closing waits for the worker to close its connection. */
const STOP_TIMEOUT_MS = 2_000;

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

/*
 * The worker runs as plain CommonJS from this string, so it needs neither
 * a build step nor the TypeScript loader the server runs under. Its
 * connection closes before the thread ends, and the worker then sets
 * `stopped` for the thread that waits in stop().
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const stopped = new Int32Array(workerData.stopped);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  Atomics.store(stopped, 0, 1);
  Atomics.notify(stopped, 0);
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /**
   * Stops the worker and waits, for at most two seconds, until its
   * connection is closed. Call before closing the server's connection, so
   * that connection is the last and removes the log file as it closes.
   */
  stop(): void;
}

/**
 * Moves the WAL checkpoints of the database file that `sqlite` has open
 * to a worker thread. `onError` receives a checkpoint's error message,
 * and the next interval tries again.
 */
export function startWalCheckpointer(
  sqlite: SQLite.Database,
  onError: (message: string) => void,
): WalCheckpointer {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);

  const stopped = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driverPath,
      path: sqlite.name,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      stopped,
    },
  });
  // An unreferenced thread lets the process exit while it runs.
  worker.unref();

  let stopping = false;
  let exited = false;
  const restoreDefault = () => {
    if (!stopping && sqlite.open) {
      sqlite.pragma(
        `wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`,
      );
    }
  };
  worker.on("message", (message: { error?: string }) => {
    if (message.error !== undefined) onError(message.error);
  });
  worker.on("error", (error) => {
    onError(error.message);
    restoreDefault();
  });
  worker.on("exit", () => {
    exited = true;
    restoreDefault();
  });

  return {
    stop() {
      if (stopping || exited) return;
      stopping = true;
      worker.postMessage("stop");
      Atomics.wait(new Int32Array(stopped), 0, 0, STOP_TIMEOUT_MS);
    },
  };
}
