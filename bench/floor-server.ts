/**
 * The least work an incoming-message webhook can do, as a floor for
 * bench/ingest.ts: parse the form, check the signature with the twilio
 * package, and store the text with one idempotent INSERT. It is not part
 * of the product.
 *
 *   FLOOR_DATABASE_URL=<sqlite path | postgres url> FLOOR_AUTH_TOKEN=<token> \
 *   FLOOR_WEBHOOK_URL=<signed url> PORT=<port> node --import tsx bench/floor-server.ts
 */
import Database from "better-sqlite3";
import { createServer, type IncomingMessage } from "node:http";
import pg from "pg";
import twilio from "twilio";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

type Store = (sid: string, params: Record<string, string>) => Promise<void>;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is missing.`);

  return value;
}

async function openStore(databaseUrl: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await pool.query(`CREATE TABLE IF NOT EXISTS floor_messages (
      sid text PRIMARY KEY, from_number text NOT NULL, to_number text NOT NULL,
      body text NOT NULL, created_at text NOT NULL)`);

    return async (sid, params) => {
      await pool.query(
        `INSERT INTO floor_messages VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [
          sid,
          params.From ?? "",
          params.To ?? "",
          params.Body ?? "",
          new Date().toISOString(),
        ],
      );
    };
  }

  // The same settings as the product's SQLite connection.
  const sqlite = new Database(databaseUrl);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec(`CREATE TABLE IF NOT EXISTS floor_messages (
    sid text PRIMARY KEY, from_number text NOT NULL, to_number text NOT NULL,
    body text NOT NULL, created_at text NOT NULL)`);
  const insert = sqlite.prepare(
    "INSERT OR IGNORE INTO floor_messages VALUES (?, ?, ?, ?, ?)",
  );

  return async (sid, params) => {
    insert.run(
      sid,
      params.From ?? "",
      params.To ?? "",
      params.Body ?? "",
      new Date().toISOString(),
    );
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks).toString("utf8");
}

async function main() {
  const authToken = requiredEnv("FLOOR_AUTH_TOKEN");
  const webhookUrl = requiredEnv("FLOOR_WEBHOOK_URL");
  const store = await openStore(requiredEnv("FLOOR_DATABASE_URL"));

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== "POST") {
        response.writeHead(200).end("ok");
        return;
      }
      const params = Object.fromEntries(
        new URLSearchParams(await readBody(request)),
      );
      const signature = request.headers["x-twilio-signature"];
      const valid =
        typeof signature === "string" &&
        twilio.validateRequest(authToken, signature, webhookUrl, params);
      if (!valid || !params.MessageSid) {
        response.writeHead(403).end();
        return;
      }
      await store(params.MessageSid, params);
      response.writeHead(200, { "content-type": "text/xml" }).end(EMPTY_TWIML);
    })().catch((error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    });
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

await main();
