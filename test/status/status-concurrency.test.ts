import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  createTestDatabaseUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";
import { buildInboxCompany } from "../webhook/webhook-fixture.js";
import {
  loadMessage,
  postStatus,
  seedOutbound,
  statusParams,
} from "./status-fixture.js";

// Two apps with their own connections to one database file or schema, like
// two server instances, so callbacks race across connections and not only in
// one.
let folder: string;
let database: TestDatabaseUrl;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "status-race-"));
  database = await createTestDatabaseUrl(join(folder, "inbox.db"));
  const env = {
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
  first = await buildTestApp(env);
  second = await buildTestApp(env);
});

afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

/** Posts every status at once, alternating between the two apps. */
async function race(
  statuses: { status: string; extra?: Record<string, string> }[],
) {
  const inbox = await buildInboxCompany(first.ctx);
  const seeded = await seedOutbound(first.ctx, inbox);
  const responses = await Promise.all(
    statuses.map((step, index) =>
      postStatus(
        (index % 2 === 0 ? first : second).app,
        inbox,
        statusParams(inbox, seeded.twilioSid, step.status, step.extra),
      ),
    ),
  );
  for (const response of responses) expect(response.statusCode).toBe(200);

  return loadMessage(first.ctx, seeded.messageId);
}

describe("concurrent status callbacks", () => {
  test("never move a message backwards", async () => {
    for (let round = 0; round < 10; round += 1) {
      const message = await race([
        { status: "sent" },
        { status: "delivered" },
        { status: "sending" },
        { status: "sent" },
        { status: "queued" },
        { status: "sent" },
      ]);

      expect(message.status).toBe("delivered");
    }
  });

  test("keep one terminal status whole", async () => {
    for (let round = 0; round < 10; round += 1) {
      const message = await race([
        { status: "undelivered", extra: { ErrorCode: "30003" } },
        { status: "failed", extra: { ErrorCode: "30008" } },
        { status: "sent" },
      ]);

      const pair = [message.status, message.error_code];
      expect([
        ["undelivered", 30003],
        ["failed", 30008],
      ]).toContainEqual(pair);
    }
  });
});
