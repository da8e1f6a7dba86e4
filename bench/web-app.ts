/**
 * Measures the production web app: the gzip size of each built chunk, of
 * the main chunk and of all files index.html loads before the app renders,
 * and in headless Chromium, the time until the inbox shows its first row with
 * many conversations stored, then a scroll through the whole list.
 *
 *   npx tsx bench/web-app.ts [--conversations 10000] [--skip-build]
 *     [--step-px 1500] [--timeout-s 300]
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { demo, seedDemo } from "../scripts/demo/demo-seed.js";
import { createSandbox } from "../src/sandbox/sandbox-server.js";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/create-context.js";
import {
  buildWebApp,
  measureChunks,
  type ChunkSize,
} from "./support/web-bundle.js";
import { readEntryFiles } from "./support/web-entry.js";
import {
  countRows,
  observeLongTasks,
  openInbox,
  scrollToEnd,
  signIn,
  takeLongTasks,
} from "./support/web-browser.js";
import { seedConversations } from "./support/web-seed.js";
import { quantile } from "./support/web-stats.js";

const ROOT = join(import.meta.dirname, "..");
const WEB_DIR = join(ROOT, "dist/web");

const { values: args } = parseArgs({
  options: {
    conversations: { type: "string", default: "10000" },
    "skip-build": { type: "boolean", default: false },
    "step-px": { type: "string", default: "1500" },
    "timeout-s": { type: "string", default: "300" },
  },
});
const conversationCount = Number(args.conversations);
const stepPx = Number(args["step-px"]);
const timeoutMs = Number(args["timeout-s"]) * 1_000;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function printSize(label: string, chunks: ChunkSize[]): void {
  const raw = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
  const gzip = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  console.log(
    `${label.padEnd(44)} ${kib(raw).padStart(11)} raw ${kib(gzip).padStart(10)} gzip`,
  );
}

/**
 * Prints every chunk, marking the main chunk (index.html's module script)
 * and the others index.html loads before the app renders, then the totals
 * for the main chunk, the initial load, the lazy chunks and all chunks.
 */
function reportBundle(): void {
  if (!args["skip-build"]) buildWebApp(ROOT);
  const chunks = measureChunks(join(WEB_DIR, "assets"));
  const entry = readEntryFiles(WEB_DIR);
  const initial = new Set(entry.initial);
  const mark = (file: string) => {
    if (file === entry.main) return "main";
    if (initial.has(file)) return "initial";

    return "lazy";
  };

  console.log("## Bundle (gzip level 9)");
  for (const chunk of chunks) {
    printSize(`${chunk.file} (${mark(chunk.file)})`, [chunk]);
  }
  console.log("");
  printSize(
    "main chunk",
    chunks.filter((chunk) => chunk.file === entry.main),
  );
  printSize(
    `initial load (${initial.size} files)`,
    chunks.filter((chunk) => initial.has(chunk.file)),
  );
  const lazy = chunks.filter((chunk) => !initial.has(chunk.file));
  printSize(`lazy chunks (${lazy.length} files)`, lazy);
  printSize(`all chunks (${chunks.length} files)`, chunks);
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startStack(dir: string) {
  const sandbox = await createSandbox({ logLevel: "silent" });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const port = await freePort();
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: join(dir, "sms-inbox.sqlite"),
    DATA_DIR: dir,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    TWILIO_API_BASE_URL: sandboxUrl,
    LOG_LEVEL: "warn",
  });
  const ctx = await createContext(config);
  const seeded = await seedDemo(ctx, sandbox.state);
  const seedStarted = performance.now();
  await seedConversations(
    ctx,
    seeded.companyId,
    demo.mainNumber,
    conversationCount,
  );
  console.log(
    `Seeded ${conversationCount} conversations in ${ms(performance.now() - seedStarted)}`,
  );
  const app = await buildApp(ctx, { webDir: WEB_DIR });
  await app.listen({ port, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    close: async () => {
      await app.close();
      await sandbox.close();
      await ctx.db.destroy();
    },
  };
}

async function reportBrowser(baseUrl: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    const loaded = new Set<string>();
    page.on("response", async (response) => {
      if (!new URL(response.url()).pathname.endsWith("/conversations")) return;
      try {
        const body = (await response.json()) as {
          conversations?: { id: string }[];
        };
        for (const item of body.conversations ?? []) loaded.add(item.id);
      } catch {
        // A response without a JSON body is no conversation page.
      }
    });
    await observeLongTasks(page);
    await signIn(page, baseUrl, demo.owner);

    // The second visit is timed, with the session and assets in cache as
    // for a returning user. The first visit is reported as well.
    const cold = await openInbox(page, baseUrl);
    const warm = await openInbox(page, baseUrl);
    await page.waitForTimeout(500);
    const rowsAtStart = await countRows(page);
    const openingTasks = await takeLongTasks(page);

    const run = await scrollToEnd(page, {
      stepPx,
      settleMs: 1_500,
      timeoutMs,
    });
    const scrollTasks = await takeLongTasks(page);
    const rowsAtEnd = await countRows(page);

    console.log("\n## Inbox in Chromium");
    console.log(`Conversations stored: ${conversationCount}`);
    console.log(
      `First row visible, first visit: ${ms(cold.wallMs)} from goto, ${ms(cold.sinceNavigationMs)} from navigation start`,
    );
    console.log(
      `First row visible, second visit: ${ms(warm.wallMs)} from goto, ${ms(warm.sinceNavigationMs)} from navigation start`,
    );
    console.log(
      `Long tasks while opening: ${openingTasks.length}, longest ${ms(Math.max(0, ...openingTasks))}`,
    );
    console.log(`Rows in the DOM after opening: ${rowsAtStart}`);
    console.log(
      `Scroll to the end by ${stepPx} px per frame: ${run.reachedEnd ? "reached" : "NOT reached"} in ${ms(run.durationMs)}, ${run.frames} frames`,
    );
    console.log(
      `Frame time: median ${ms(quantile(run.frameMs, 0.5))}, p95 ${ms(quantile(run.frameMs, 0.95))}, max ${ms(Math.max(...run.frameMs))}, over 50 ms: ${run.frameMs.filter((value) => value > 50).length}`,
    );
    console.log(
      `Long tasks while scrolling: ${scrollTasks.length}, total ${ms(scrollTasks.reduce((sum, value) => sum + value, 0))}, longest ${ms(Math.max(0, ...scrollTasks))}`,
    );
    console.log(`Conversations loaded by the page: ${loaded.size}`);
    console.log(
      `Rows in the DOM: at most ${run.maxRows} while scrolling, ${rowsAtEnd} at the end`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  reportBundle();
  const dir = await mkdtemp(join(tmpdir(), "sms-inbox-web-bench-"));
  try {
    const stack = await startStack(dir);
    try {
      await reportBrowser(stack.baseUrl);
    } finally {
      await stack.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
