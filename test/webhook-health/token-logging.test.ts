import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { loggerOptions } from "../../src/server/logger.js";
import { rotateCompanyWebhookToken } from "../../src/server/plugins/sms-inbox/webhook-health/token-rotation.js";
import { buildTestConfig } from "../support/context.js";
import {
  openTestDatabase,
  type TestDatabase,
} from "../support/test-database.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  inboundParams,
  tokenUrl,
} from "../webhook/webhook-fixture.js";

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

function parsedLines(): { level: number; msg: string; companyId?: string }[] {
  return logLines.map((line) => JSON.parse(line));
}

describe("previous token logging", () => {
  it("warns on a text to the old token", async () => {
    const inbox = await buildInboxCompany(ctx);
    const oldUrl = tokenUrl(inbox.company);
    const oldToken = inbox.company.webhookToken;
    await rotateCompanyWebhookToken(ctx, inbox.company.id, {
      staffId: null,
      ip: null,
    });
    logLines = [];

    const response = await app.inject(
      signedWebhookRequest(
        oldUrl,
        inboundParams(inbox.twilio),
        inbox.twilio.authToken,
      ),
    );
    const warnings = parsedLines().filter((line) => line.level === 40);

    expect(response.statusCode).toBe(200);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/previous webhook token accepted/);
    expect(warnings[0]?.companyId).toBe(inbox.company.id);
    expect(logLines.join("\n")).not.toContain(oldToken);
  });

  it("logs no token when rotating", async () => {
    const inbox = await buildInboxCompany(ctx);
    logLines = [];

    await rotateCompanyWebhookToken(ctx, inbox.company.id, {
      staffId: null,
      ip: null,
    });
    const company = await ctx.db
      .selectFrom("companies")
      .select("webhook_token")
      .where("id", "=", inbox.company.id)
      .executeTakeFirstOrThrow();

    expect(parsedLines().map((line) => line.msg)).toEqual([
      "webhook token rotated",
    ]);
    expect(logLines.join("\n")).not.toContain(inbox.company.webhookToken);
    expect(logLines.join("\n")).not.toContain(company.webhook_token);
  });
});
