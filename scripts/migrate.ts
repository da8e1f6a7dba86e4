import { loadConfig } from "../src/server/config.js";
import {
  isPostgresUrl,
  migrateToLatest,
  openDatabase,
} from "../src/server/db/database.js";

/** Applies pending migrations to DATABASE_URL; the server also does this on start. */
const config = loadConfig();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
await db.destroy();
// A PostgreSQL URL can contain a password, so it is not printed.
const name = isPostgresUrl(config.databaseUrl)
  ? "The PostgreSQL database"
  : `Database ${config.databaseUrl}`;
process.stdout.write(`${name} is up to date.\n`);
