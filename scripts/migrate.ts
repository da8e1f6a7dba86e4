import { loadConfig } from "../src/server/config.js";
import { migrateToLatest, openDatabase } from "../src/server/db/database.js";

/** Applies pending migrations to DATABASE_URL; the server also does this on start. */
const config = loadConfig();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);
await db.destroy();
process.stdout.write(`Database ${config.databaseUrl} is up to date.\n`);
