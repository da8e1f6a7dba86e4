import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { loggerOptions } from "../../src/server/logger.js";
import { buildTestConfig } from "../support/context.js";
import {
  openTestDatabase,
  type TestDatabase,
} from "../support/test-database.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  CUSTOMER_NUMBER,
  randomSid,
} from "../webhook/webhook-fixture.js";
import {
  postStatus,
  seedOutbound,
  statusParams,
  statusUrl,
} from "./status-fixture.js";

let database: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = buildTestConfig({ LOG_LEVEL: "info" });
  database = await openTestDatabase();
  ctx = {
    config,
    db: database.db,
    logger: pino(loggerOptions("info"), destination),
    secretBox: new SecretBox(randomBytes(32)),
  };
  app = await buildApp(ctx);
  await app.ready();
});

afterEach(async () => {
  await app.close();
  await database.close();
});

function findLine(message: string): Record<string, unknown> {
  const line = logLines.find((text) => text.includes(`"msg":"${message}"`));
  if (!line)
    throw new Error(`"${message}" was not logged:\n${logLines.join("")}`);

  return JSON.parse(line);
}

function expectNothingPrivate(secrets: string[]) {
  const log = logLines.join("");
  for (const secret of secrets) expect(log).not.toContain(secret);
  expect(log).not.toContain(CUSTOMER_NUMBER.slice(2));
}

describe("status callback logging", () => {
  test("applied status logs ids only", async () => {
    const inbox = await buildInboxCompany(ctx);
    const seeded = await seedOutbound(ctx, inbox);
    const params = statusParams(inbox, seeded.twilioSid, "undelivered", {
      ErrorCode: "30003",
    });

    const response = await postStatus(app, inbox, params);

    expect(response.statusCode).toBe(200);
    const line = findLine("status callback applied");
    expect(line).toMatchObject({
      companyId: inbox.company.id,
      messageSid: seeded.twilioSid,
      messageId: seeded.messageId,
      result: "updated",
      status: "undelivered",
      errorCode: 30003,
    });
    expectNothingPrivate([inbox.company.webhookToken, inbox.twilio.authToken]);
    expect(logLines.join("")).toContain(
      "/v1/plugins/sms-chat/status/[redacted]",
    );
  });

  test("unknown message logs a warning", async () => {
    const inbox = await buildInboxCompany(ctx);
    const sid = randomSid("SM");

    await postStatus(app, inbox, statusParams(inbox, sid, "delivered"));

    const line = findLine("status callback for unknown message");
    expect(line.level).toBe(40);
    expect(line.messageSid).toBe(sid);
    expectNothingPrivate([inbox.company.webhookToken]);
  });

  test("forged callback logs reason only", async () => {
    const inbox = await buildInboxCompany(ctx);
    const seeded = await seedOutbound(ctx, inbox);
    const request = signedWebhookRequest(
      statusUrl(inbox),
      statusParams(inbox, seeded.twilioSid, "delivered"),
      "0123456789abcdef0123456789abcdef",
    );
    const signature = request.headers["x-twilio-signature"] ?? "";

    const response = await app.inject(request);

    expect(response.statusCode).toBe(403);
    const line = findLine("twilio webhook rejected");
    expect(line.reason).toBe("invalid_signature");
    expectNothingPrivate([signature, inbox.company.webhookToken]);
  });
});
