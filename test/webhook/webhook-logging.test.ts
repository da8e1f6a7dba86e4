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
  inboundParams,
  tokenUrl,
  type InboxCompany,
} from "./webhook-fixture.js";

const BODY = "My door code is 4821, please keep it private";
const FROM = "+14155550142";

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

/** Sends a text from FROM with BODY, after `tamper` edits the request headers. */
async function send(
  inbox: InboxCompany,
  overrides: Record<string, string> = {},
  tamper: (headers: Record<string, string>) => void = () => {},
) {
  const params = inboundParams(inbox.twilio, {
    Body: BODY,
    From: FROM,
    ...overrides,
  });
  const request = signedWebhookRequest(
    tokenUrl(inbox.company),
    params,
    inbox.twilio.authToken,
  );
  tamper(request.headers);
  const response = await app.inject(request);

  return { response, params, signature: request.headers["x-twilio-signature"] };
}

function expectNothingPrivate(signature: string | undefined) {
  const log = logLines.join("");
  expect(log).not.toContain("door code");
  expect(log).not.toContain(FROM);
  expect(log).not.toContain("4155550142");
  if (signature) expect(log).not.toContain(signature);
}

function rejectionLine(): Record<string, unknown> {
  const line = logLines.find((text) => text.includes("webhook rejected"));
  if (!line) throw new Error(`No rejection was logged:\n${logLines.join("")}`);

  return JSON.parse(line);
}

function logLineWith(...parts: string[]): string {
  const line = logLines.find((text) =>
    parts.every((part) => text.includes(part)),
  );
  if (!line)
    throw new Error(`No line with ${parts.join(", ")}:\n${logLines.join("")}`);

  return line;
}

/** Counts the times a JSON log line names `key`. */
function keyCount(line: string, key: string): number {
  return line.split(`"${key}":`).length - 1;
}

describe("webhook logging", () => {
  test("stored message logs no content", async () => {
    const inbox = await buildInboxCompany(ctx);

    const { response, params, signature } = await send(inbox);

    expect(response.statusCode).toBe(200);
    const log = logLines.join("");
    expect(log).toContain("inbound message stored");
    expect(log).toContain(String(params.MessageSid));
    expectNothingPrivate(signature);
  });

  test("request lines carry ids once", async () => {
    const inbox = await buildInboxCompany(ctx);

    // Twice, so the second request takes the webhook company cache.
    await send(inbox);
    const { response, params } = await send(inbox);

    expect(response.statusCode).toBe(200);
    const stored = logLineWith(String(params.MessageSid), "message stored");
    const completed = logLineWith(
      String(params.MessageSid),
      "request completed",
    );
    expect(keyCount(stored, "messageSid")).toBe(1);
    expect(keyCount(stored, "companyId")).toBe(1);
    expect(keyCount(completed, "messageSid")).toBe(1);
    expect(JSON.parse(stored)).toMatchObject({
      messageSid: params.MessageSid,
      companyId: inbox.company.id,
    });
  });

  test("forged signature logs reason only", async () => {
    const inbox = await buildInboxCompany(ctx);
    const forged = "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=";

    const { response, params } = await send(inbox, {}, (headers) => {
      headers["x-twilio-signature"] = forged;
    });

    expect(response.statusCode).toBe(403);
    const line = rejectionLine();
    expect(line.reason).toBe("invalid_signature");
    expect(line.companyId).toBe(inbox.company.id);
    expect(line.messageSid).toBe(params.MessageSid);
    expectNothingPrivate(forged);
  });

  test("unknown number logs reason only", async () => {
    const inbox = await buildInboxCompany(ctx);

    const { response, signature } = await send(inbox, { To: "+14155550143" });

    expect(response.statusCode).toBe(404);
    expect(rejectionLine().reason).toBe("unknown_number");
    expectNothingPrivate(signature);
    expect(logLines.join("")).not.toContain("4155550143");
  });

  test("missing parameter logs field name", async () => {
    const inbox = await buildInboxCompany(ctx);

    const { response, signature } = await send(inbox, { To: "" });

    expect(response.statusCode).toBe(400);
    const line = rejectionLine();
    expect(line.reason).toBe("missing_parameters");
    expect(line.fields).toEqual(["To"]);
    expectNothingPrivate(signature);
  });

  test("webhook token not logged", async () => {
    const inbox = await buildInboxCompany(ctx);

    const { response } = await send(inbox);

    expect(response.statusCode).toBe(200);
    const log = logLines.join("");
    expect(log).toContain("/v1/plugins/sms-chat/webhook/[redacted]");
    expect(log).not.toContain(inbox.company.webhookToken);
  });

  test("phone number as MessageSid not logged", async () => {
    const inbox = await buildInboxCompany(ctx);

    const { response } = await send(inbox, { MessageSid: FROM });

    expect(response.statusCode).toBe(200);
    expectNothingPrivate(undefined);
  });
});
