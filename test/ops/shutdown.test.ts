import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from "../outbox/server-process.js";
import {
  createTestDatabaseUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

const TEST_TIMEOUT_MS = 60_000;

let server: ServerProcess | undefined;
let database: TestDatabaseUrl | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (server) await stopServerProcess(server, "SIGKILL");
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  database = undefined;
  dir = undefined;
});

/** Resolves as `promise` does, or throws once `ms` passed. */
async function within<T>(promise: Promise<T>, ms: number, event: string) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ${event} within ${ms} ms`)),
      ms,
    );
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startServer(): Promise<ServerProcess> {
  dir = mkdtempSync(join(tmpdir(), "sms-inbox-ops-"));
  database = await createTestDatabaseUrl(join(dir, "inbox.sqlite"));

  return startServerProcess({
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    PUBLIC_URL: "http://127.0.0.1:9",
    LOG_LEVEL: "info",
  });
}

describe("graceful shutdown", () => {
  it(
    "exits 0 on SIGTERM",
    async () => {
      server = await startServer();
      const health = await fetch(`${server.url}/healthz`);
      const ready = await fetch(`${server.url}/readyz`);

      const exitCode = await stopServerProcess(server, "SIGTERM");
      const output = server.output();

      expect(health.status).toBe(200);
      expect(ready.status).toBe(200);
      expect(exitCode).toBe(0);
      expect(output).toContain('"signal":"SIGTERM"');
      expect(output).toContain("outbox worker stopped");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "finishes a request in flight",
    async () => {
      server = await startServer();
      const { port } = new URL(server.url);
      const body = JSON.stringify({ email: "a@example.com", password: "x" });
      const half = Math.floor(body.length / 2);
      const socket = connect(Number(port), "127.0.0.1");
      let response = "";
      socket.on("data", (chunk: Buffer) => (response += chunk.toString()));
      const closed = new Promise<void>((resolve) =>
        socket.once("close", resolve),
      );
      await new Promise<void>((resolve) => socket.once("connect", resolve));

      // Headers and half the body arrive before SIGTERM, the rest after.
      socket.write(
        "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
          "Content-Type: application/json\r\n" +
          `Content-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const runningMidRequest = server.child.exitCode === null;
      socket.write(body.slice(half));
      const exitCode = await within(server.exited, 10_000, "exit");
      await within(closed, 10_000, "connection close");

      expect(runningMidRequest).toBe(true);
      expect(response).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(response.toLowerCase()).toContain("connection: close");
      expect(exitCode).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
