import { sql } from "kysely";
import pg from "pg";
import { isPostgresUrl, type Db } from "./database.js";
import { isPostgres } from "./dialect.js";

/**
 * Sends `payload` on `channel` with pg_notify, which PostgreSQL delivers to
 * the listeners of every process when `db`'s transaction commits (or at once
 * outside a transaction). Returns false, sending nothing, on SQLite.
 */
export async function notifyOnCommit(
  db: Db,
  channel: string,
  payload: string,
): Promise<boolean> {
  if (!isPostgres(db)) return false;

  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);

  return true;
}

/**
 * Calls `onPayload` with the payload of every notification on `channel`,
 * over a connection of its own, until the returned function is called. On
 * SQLite it listens to nothing. A failed connection is reported to
 * `onError` and not reopened.
 * NOTE: callers must not depend on notifications alone; after a lost
 * connection only their own polling finds new rows.
 */
export async function listenForNotifications(
  databaseUrl: string,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  if (!isPostgresUrl(databaseUrl)) return async () => undefined;

  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", onError);
  client.on("notification", (message) => {
    if (message.channel === channel && message.payload) {
      onPayload(message.payload);
    }
  });
  await client.connect();
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);

  return () => client.end();
}
