import pg from "pg";
import { isPostgresUrl } from "./database.js";

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
