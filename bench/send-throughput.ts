/**
 * Measures how fast the outbox drains queued replies to the Twilio sandbox,
 * with the per-number rate limit off and on, on SQLite and PostgreSQL, with
 * one in-process worker and with several worker processes on PostgreSQL.
 * Checks the densest second of each number and that every text was sent
 * exactly once.
 *
 *   npx tsx bench/send-throughput.ts [--texts 2000] [--numbers 10]
 *     [--conversations 100] [--rate 10] [--processes 2]
 *     [--targets sqlite,pg] [--postgres-url URL]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createSandbox, type Sandbox } from "../src/sandbox/sandbox-server.js";
import { loadConfig } from "../src/server/config.js";
import type { AppContext } from "../src/server/context.js";
import { createContext } from "../src/server/create-context.js";
import { OutboxWorker } from "../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import { demo } from "../scripts/demo/demo-seed.js";
import {
  checkExactlyOnce,
  isExactlyOnce,
  measureNumberRates,
} from "./support/send-measure.js";
import {
  createSendDatabase,
  queueTexts,
  seedSendWorld,
  type SendTarget,
} from "./support/send-world.js";

const ROOT = join(import.meta.dirname, "..");
const WORKER_SCRIPT = join(ROOT, "bench/support/send-worker-process.ts");

const { values: args } = parseArgs({
  options: {
    texts: { type: "string", default: "2000" },
    numbers: { type: "string", default: "10" },
    conversations: { type: "string", default: "100" },
    rate: { type: "string", default: "10" },
    processes: { type: "string", default: "2" },
    targets: { type: "string", default: "sqlite,pg" },
    "postgres-url": {
      type: "string",
      default: "postgres://postgres@127.0.0.1:5432/test",
    },
    "timeout-s": { type: "string", default: "600" },
  },
});

interface Run {
  target: SendTarget;
  /** 0 runs one worker in this process. */
  processes: number;
  ratePerNumber: number;
}

const texts = Number(args.texts);
const numberCount = Number(args.numbers);
const rate = Number(args.rate);
const processCount = Number(args.processes);
const targets = args.targets.split(",") as SendTarget[];

function plannedRuns(): Run[] {
  const runs: Run[] = [];
  for (const target of targets) {
    for (const ratePerNumber of [0, rate]) {
      runs.push({ target, processes: 0, ratePerNumber });
      if (target === "pg" && processCount > 1) {
        runs.push({ target, processes: processCount, ratePerNumber });
      }
    }
  }

  return runs;
}

/** Starts a worker process and resolves once it printed "ready". */
function startWorkerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const ready = new Promise<ChildProcess>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.trim() === "ready") resolve(child);
    });
    child.once("exit", (code) =>
      reject(new Error(`worker process exited with ${code} before ready`)),
    );
  });

  return ready;
}

async function countOpenJobs(ctx: AppContext): Promise<number> {
  const row = await ctx.db
    .selectFrom("outbox_jobs")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("state", "in", ["pending", "sending"])
    .executeTakeFirstOrThrow();

  return Number(row.count);
}

async function storedSids(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("messages")
    .select("twilio_sid")
    .where("direction", "=", "outbound")
    .where("twilio_sid", "is not", null)
    .execute();

  return rows.flatMap((row) => (row.twilio_sid ? [row.twilio_sid] : []));
}

interface Workers {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Prepares the workers of `run`: one in this process, or worker processes
 * that have opened the database, so that start() only starts sending.
 */
async function prepareWorkers(
  run: Run,
  ctx: AppContext,
  env: Record<string, string>,
): Promise<Workers> {
  if (run.processes === 0) {
    const worker = new OutboxWorker(ctx, { pollIntervalMs: 100 });

    return { start: () => worker.start(), stop: () => worker.stop() };
  }

  const results = await Promise.allSettled(
    Array.from({ length: run.processes }, () => startWorkerProcess(env)),
  );
  const children = results.flatMap((result) =>
    result.status === "fulfilled" ? [result.value] : [],
  );
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    // A process that did start would otherwise outlive the benchmark.
    for (const child of children) child.kill("SIGKILL");
    throw failure.reason;
  }
  const start = () => {
    for (const child of children) child.stdin?.write("start\n");
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
  };

  return { start, stop };
}

async function measureRun(run: Run, sandbox: Sandbox, sandboxUrl: string) {
  const database = await createSendDatabase(run.target, args["postgres-url"]);
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: database.dir,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    // No server listens there; the sandbox posts no status callbacks anyway.
    PUBLIC_URL: "http://127.0.0.1:9",
    TWILIO_API_BASE_URL: sandboxUrl,
    OUTBOX_RATE_PER_NUMBER: String(run.ratePerNumber),
    LOG_LEVEL: "warn",
  };
  const ctx = await createContext(loadConfig(env));
  try {
    const world = await seedSendWorld(ctx, sandbox.state, numberCount);
    const bodies = await queueTexts(ctx, {
      companyId: world.companyId,
      numbers: world.numbers,
      conversations: Number(args.conversations),
      count: texts,
    });

    const workers = await prepareWorkers(run, ctx, env);
    const started = performance.now();
    workers.start();
    const deadline = Date.now() + Number(args["timeout-s"]) * 1_000;
    while ((await countOpenJobs(ctx)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const drainMs = performance.now() - started;
    await workers.stop();

    const sent = sandbox.state
      .messagesOf(demo.accountSid)
      .filter((message) => message.direction !== "inbound");
    const rates = measureNumberRates(sent);
    const once = checkExactlyOnce(bodies, sent, await storedSids(ctx));

    return {
      drainMs,
      perSecond: (sent.length / drainMs) * 1_000,
      maxPerSecond: Math.max(...rates.map((entry) => entry.maxPerSecond)),
      minGapMs: Math.min(...rates.map((entry) => entry.minGapMs)),
      once,
    };
  } finally {
    await ctx.db.destroy();
    await database.drop();
  }
}

async function main(): Promise<void> {
  console.log(
    `Node ${process.version}, ${new Date().toISOString()}: ${texts} texts over ${numberCount} numbers and ${args.conversations} conversations`,
  );
  console.log(
    "| database | workers | rate per number | drain s | texts/s | max per number in 1 s | min gap ms | sandbox / DB / queued | exactly once |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const run of plannedRuns()) {
    // A sandbox per run, so that its message list contains only this run's texts.
    const sandbox = await createSandbox({
      logLevel: "silent",
      statusStepDelayMs: 60 * 60 * 1000,
    });
    const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
    try {
      const result = await measureRun(run, sandbox, sandboxUrl);
      const workers =
        run.processes === 0 ? "1 in-process" : `${run.processes} processes`;
      const rateLabel =
        run.ratePerNumber === 0 ? "off" : `${run.ratePerNumber}/s`;
      console.log(
        `| ${run.target === "pg" ? "PostgreSQL" : "SQLite"} | ${workers} | ${rateLabel} | ${(result.drainMs / 1_000).toFixed(1)} | ${result.perSecond.toFixed(0)} | ${result.maxPerSecond} | ${result.minGapMs} | ${result.once.sandboxCount} / ${result.once.storedWithSid} / ${result.once.queued} | ${isExactlyOnce(result.once) ? "yes" : "NO"} |`,
      );
    } finally {
      await sandbox.close();
    }
  }
}

await main();
