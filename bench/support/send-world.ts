import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { demo, seedDemo } from "../../scripts/demo/demo-seed.js";
import type { SandboxState } from "../../src/sandbox/state.js";
import type { AppContext } from "../../src/server/context.js";
import { nowIso } from "../../src/server/db/ids.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { insertOutboxJob } from "../../src/server/plugins/sms-inbox/outbox/outbox-queries.js";

export type SendTarget = "sqlite" | "pg";

/** A database that one run creates and removes. */
export interface SendDatabase {
  url: string;
  /** Folder for DATA_DIR. */
  dir: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty SQLite file in a new temporary folder, or a fresh schema
 * on the PostgreSQL server at `postgresUrl`, chosen through search_path.
 */
export async function createSendDatabase(
  target: SendTarget,
  postgresUrl: string,
): Promise<SendDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "sms-inbox-send-bench-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (target === "sqlite") {
    return {
      url: join(dir, "inbox.sqlite"),
      dir,
      drop: async () => removeDir(),
    };
  }

  const schema = `send_bench_${randomBytes(6).toString("hex")}`;
  await runOnServer(postgresUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(postgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);

  return {
    url: url.toString(),
    dir,
    drop: async () => {
      await runOnServer(postgresUrl, `DROP SCHEMA ${schema} CASCADE`);
      removeDir();
    },
  };
}

async function runOnServer(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Seeds the demo company and gives its sandbox account `numberCount`
 * sending numbers, the demo's main number first. Returns those numbers.
 */
export async function seedSendWorld(
  ctx: AppContext,
  sandbox: SandboxState,
  numberCount: number,
): Promise<{ companyId: string; numbers: string[] }> {
  const { companyId } = await seedDemo(ctx, sandbox);
  const owned = new Set(
    sandbox.numbersOf(demo.accountSid).map((number) => number.phoneNumber),
  );
  const numbers = [demo.mainNumber as string];
  for (let index = 1; numbers.length < numberCount; index += 1) {
    const phoneNumber = `+1415555${String(7000 + index).padStart(4, "0")}`;
    if (!owned.has(phoneNumber)) {
      sandbox.addNumber(demo.accountSid, { phoneNumber });
    }
    numbers.push(phoneNumber);
  }

  return { companyId, numbers };
}

/**
 * Stores `count` outbound texts with their outbox jobs, as a send request
 * does, round-robin over `numbers` and `conversations` customers. Returns
 * the bodies, which are unique.
 */
export async function queueTexts(
  ctx: AppContext,
  queue: {
    companyId: string;
    numbers: string[];
    conversations: number;
    count: number;
  },
): Promise<string[]> {
  const bodies: string[] = [];
  const batchSize = 200;
  for (let first = 0; first < queue.count; first += batchSize) {
    const last = Math.min(queue.count, first + batchSize);
    await ctx.db.transaction().execute(async (trx) => {
      for (let index = first; index < last; index += 1) {
        const from = queue.numbers[index % queue.numbers.length] ?? "";
        const customer = index % queue.conversations;
        const to = `+1628${String(3_000_000 + customer).padStart(7, "0")}`;
        const body = `Reply ${index + 1} of ${queue.count}`;
        const at = nowIso();
        const recorded = await recordMessage(trx, {
          companyId: queue.companyId,
          customerNumber: to,
          inboxNumber: from,
          direction: "outbound",
          twilioSid: null,
          from,
          to,
          body,
          status: "queued",
          sentByStaffId: null,
          media: [],
          createdAt: at,
        });
        await insertOutboxJob(trx, {
          companyId: queue.companyId,
          messageId: recorded.messageId,
          at,
        });
        bodies.push(body);
      }
    });
  }

  return bodies;
}
