/**
 * Live update latency: from a webhook's 200 to the SSE event arriving at
 * every connected inbox client. On SQLite one server process serves all
 * clients. On PostgreSQL two processes share the database: the webhooks go
 * to the first, half the clients listen on each, and the second process
 * learns of events through LISTEN/NOTIFY. Each server's CPU time (user
 * plus system, from /proc) is measured from the first webhook until the
 * last events had time to arrive, which includes the webhook handling on
 * the first server.
 *
 *   npx tsx bench/live-latency.ts [--targets sqlite,pg] [--clients 100]
 *     [--messages 200] [--gap-ms 50]
 *     [--postgres-url postgres://postgres@127.0.0.1:5432/test]
 */
import {
  openEventStream,
  type SseConnection,
} from "../test/events/sse-client.js";
import type { BuiltStaff } from "../test/support/factories.js";
import {
  newEncryptionKey,
  openBenchContext,
  seedBenchCompany,
  seedBenchStaff,
  type BenchCompany,
} from "./support/bench-company.js";
import {
  createBenchDatabase,
  DEFAULT_POSTGRES_URL,
  type BenchTarget,
} from "./support/bench-database.js";
import {
  cpuTimeMs,
  startNodeProcess,
  type BenchProcess,
} from "./support/processes.js";
import { markdownTable, percentile, readFlags } from "./support/stats.js";
import { inboundParams, newMessageSid } from "./support/twilio-webhook.js";
import twilio from "twilio";
import { encodeForm } from "../test/support/twilio-signing.js";

const flags = readFlags(process.argv.slice(2));
const targets = (flags.get("targets") ?? "sqlite,pg").split(
  ",",
) as BenchTarget[];
const clientCount = Number(flags.get("clients") ?? 100);
const messageCount = Number(flags.get("messages") ?? 200);
const gapMs = Number(flags.get("gap-ms") ?? 50);
const postgresUrl = flags.get("postgres-url") ?? DEFAULT_POSTGRES_URL;
/** Streams each staff member opens, below the server's limit of 10. */
const STREAMS_PER_STAFF = 2;
const MARKER = /bench-live-(\d+)/;

interface Client {
  connection: SseConnection;
  instance: number;
  /** Arrival time of each message's event, by message number. */
  arrivals: Map<number, number>;
}

async function connectClients(
  servers: BenchProcess[],
  staff: BuiltStaff[],
): Promise<Client[]> {
  const clients: Client[] = [];
  for (let index = 0; index < clientCount; index += 1) {
    const instance = index % servers.length;
    const server = servers[instance];
    const member = staff[Math.floor(index / STREAMS_PER_STAFF)];
    if (!server || !member) throw new Error("not enough servers or staff");
    const connection = await openEventStream(
      `${server.url}/api/plugins/sms-chat/events`,
      {
        cookie: member.cookie,
      },
    );
    if (connection.status !== 200)
      throw new Error(`event stream returned HTTP ${connection.status}`);
    clients.push({ connection, instance, arrivals: new Map() });
  }

  return clients;
}

/** Reads each client's events until `stopped` returns true. */
function listen(client: Client, stopped: () => boolean): Promise<void> {
  return (async () => {
    while (!stopped()) {
      let event;
      try {
        event = await client.connection.next(500);
      } catch {
        continue;
      }
      const arrivedAt = performance.now();
      const payload = JSON.parse(event.data) as {
        type?: string;
        message?: { body?: string } | null;
      };
      if (payload.type !== "message.created") continue;
      const match = MARKER.exec(payload.message?.body ?? "");
      if (match?.[1]) client.arrivals.set(Number(match[1]), arrivedAt);
    }
  })();
}

async function postWebhook(
  server: BenchProcess,
  company: BenchCompany,
  number: number,
): Promise<number> {
  const messageSid = newMessageSid();
  const params = inboundParams({
    messageSid,
    accountSid: company.connection.accountSid,
    from: `+1628555${String(number % 50).padStart(4, "0")}`,
    to: company.connection.defaultNumber,
    body: `Live update check bench-live-${number}`,
  });
  const response = await fetch(
    `${server.url}${new URL(company.webhookUrl).pathname}`,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(
          company.connection.authToken,
          company.webhookUrl,
          params,
        ),
      },
      body: encodeForm(params),
    },
  );
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`webhook returned HTTP ${response.status}`);

  return performance.now();
}

function processCpuMs(server: BenchProcess): number {
  const { pid } = server.child;
  if (pid === undefined) throw new Error("server process has no pid");

  return cpuTimeMs(pid);
}

async function benchTarget(target: BenchTarget) {
  const database = await createBenchDatabase(target, postgresUrl);
  const servers: BenchProcess[] = [];
  try {
    const encryptionKey = newEncryptionKey();
    const ctx = await openBenchContext(database.url, encryptionKey);
    const company = await seedBenchCompany(ctx);
    const staff = await seedBenchStaff(
      ctx,
      company.company,
      Math.ceil(clientCount / STREAMS_PER_STAFF),
    );
    await ctx.db.destroy();

    const env = {
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: encryptionKey,
      PUBLIC_URL: new URL(company.webhookUrl).origin,
      DATA_DIR: database.dir,
      LOG_LEVEL: "warn",
    };
    const instances = target === "pg" ? 2 : 1;
    for (let index = 0; index < instances; index += 1) {
      servers.push(
        await startNodeProcess({
          script: "src/server/main.ts",
          env,
          readyPath: "/healthz",
        }),
      );
    }
    const clients = await connectClients(servers, staff);
    let stopped = false;
    const listeners = clients.map((client) => listen(client, () => stopped));

    const acknowledgedAt = new Map<number, number>();
    const cpuAtStart = servers.map((server) => processCpuMs(server));
    const webhookServer = servers[0];
    if (!webhookServer) throw new Error("no server started");
    for (let number = 0; number < messageCount; number += 1) {
      acknowledgedAt.set(
        number,
        await postWebhook(webhookServer, company, number),
      );
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    // Let the last events arrive; streams also poll every second.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cpuMs = servers.map(
      (server, index) => processCpuMs(server) - (cpuAtStart[index] ?? 0),
    );
    stopped = true;
    await Promise.all(listeners);
    for (const client of clients) client.connection.close();

    return summarise(target, clients, acknowledgedAt, cpuMs);
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

function summarise(
  target: BenchTarget,
  clients: Client[],
  acknowledgedAt: Map<number, number>,
  cpuMs: number[],
) {
  const rows: (string | number)[][] = [];
  for (let instance = 0; instance < cpuMs.length; instance += 1) {
    const latencies: number[] = [];
    let missing = 0;
    for (const client of clients.filter(
      (candidate) => candidate.instance === instance,
    )) {
      for (const [number, ackAt] of acknowledgedAt) {
        const arrivedAt = client.arrivals.get(number);
        if (arrivedAt === undefined) missing += 1;
        else latencies.push(arrivedAt - ackAt);
      }
    }
    const label =
      target === "sqlite"
        ? "SQLite, 1 instance"
        : instance === 0
          ? "PostgreSQL, instance that took the webhook"
          : "PostgreSQL, other instance";
    rows.push([
      label,
      clients.filter((client) => client.instance === instance).length,
      latencies.length,
      percentile(latencies, 0.5).toFixed(1),
      percentile(latencies, 0.99).toFixed(1),
      Math.max(...latencies).toFixed(1),
      missing,
      ((cpuMs[instance] ?? Number.NaN) / 1000).toFixed(1),
    ]);
  }

  return rows;
}

console.log(
  `Live update latency, ${new Date().toISOString()}, Node ${process.version}, ${clientCount} clients, ${messageCount} webhooks ${gapMs} ms apart`,
);
const rows: (string | number)[][] = [];
for (const target of targets) {
  rows.push(...(await benchTarget(target)));
}
console.log("");
console.log(
  markdownTable(
    [
      "setup",
      "clients",
      "deliveries",
      "p50 ms",
      "p99 ms",
      "max ms",
      "missing",
      "server CPU s",
    ],
    rows,
  ),
);
