import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  buildTestConfig,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  type BuiltStaff,
} from "../../../../test/support/factories.js";
import {
  closedPortUrl,
  startFakeTwilio,
  type FakeTwilio,
} from "../../../../test/support/fake-twilio.js";
import { openTestDatabase } from "../../../../test/support/test-database.js";
import { buildApp } from "../../app.js";
import type { AppContext } from "../../context.js";
import { SecretBox } from "../../crypto/secret-box.js";
import { loggerOptions } from "../../logger.js";

const SID = `AC${"c3".repeat(16)}`;
const TOKEN = "fedcba9876543210fedcba9876543210";
const NUMBER = "+14155550100";
const WRONG_TOKEN = "0123456789abcdef0123456789abcdef";

let fake: FakeTwilio;
const apps: TestApp[] = [];

beforeEach(async () => {
  fake = await startFakeTwilio([
    {
      sid: SID,
      authToken: TOKEN,
      friendlyName: "Acme Tours",
      numbers: [
        { phoneNumber: NUMBER, sms: true },
        { phoneNumber: "+14155550111", sms: false },
      ],
    },
  ]);
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await fake.close();
});

async function ownerWithConnection(
  env: Record<string, string>,
  connection: { authToken?: string; defaultNumber?: string } = {},
): Promise<{ t: TestApp; owner: BuiltStaff }> {
  const t = await buildTestApp({ TWILIO_API_BASE_URL: fake.baseUrl, ...env });
  apps.push(t);
  const company = await buildCompany(t.ctx);
  const owner = await buildStaff(t.ctx, company);
  await connectTwilio(t.ctx, company, {
    accountSid: SID,
    authToken: connection.authToken ?? TOKEN,
    defaultNumber: connection.defaultNumber ?? NUMBER,
  });

  return { t, owner };
}

async function runTest(t: TestApp, owner: BuiltStaff) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/company/twilio/test",
    headers: owner.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json();
}

describe("POST /api/company/twilio/test", () => {
  test("working connection returns account name", async () => {
    const { t, owner } = await ownerWithConnection({});

    expect(await runTest(t, owner)).toEqual({
      ok: true,
      accountName: "Acme Tours",
    });
    expect(fake.requests).toEqual([
      `/2010-04-01/Accounts/${SID}.json`,
      `/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json`,
    ]);
  });

  test("wrong token explains code 20003", async () => {
    const { t, owner } = await ownerWithConnection(
      {},
      { authToken: "00000000000000000000000000000000" },
    );

    expect(await runTest(t, owner)).toEqual({
      ok: false,
      message:
        "Twilio rejected the Account SID or auth token. Copy both again from the Twilio Console.",
      twilioCode: 20003,
    });
  });

  test("number missing from account", async () => {
    const { t, owner } = await ownerWithConnection(
      {},
      { defaultNumber: "+14155550122" },
    );

    const result = await runTest(t, owner);

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^\+14155550122 is not a number on this Twilio account\./,
    );
  });

  test("number without sms capability", async () => {
    const { t, owner } = await ownerWithConnection(
      {},
      { defaultNumber: "+14155550111" },
    );

    const result = await runTest(t, owner);

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/cannot send or receive SMS/);
  });

  test("unreachable twilio names the url", async () => {
    const closedUrl = await closedPortUrl();
    const { t, owner } = await ownerWithConnection({
      TWILIO_API_BASE_URL: closedUrl,
    });

    const result = await runTest(t, owner);

    expect(result.ok).toBe(false);
    expect(result.twilioCode).toBeNull();
    expect(result.message).toMatch(
      new RegExp(`^Could not reach Twilio at ${closedUrl}: .*ECONNREFUSED`),
    );
    expect(result.message).toMatch(/Check the server's network\.$/);
  });

  test("slow twilio times out", async () => {
    await fake.close();
    fake = await startFakeTwilio([], { delayMs: 1_000 });
    const { t, owner } = await ownerWithConnection({
      TWILIO_TIMEOUT_MS: "100",
    });

    const result = await runTest(t, owner);

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      new RegExp(`^Could not reach Twilio at ${fake.baseUrl}: .*timeout`),
    );
  });

  test("not connected returns ok false", async () => {
    const t = await buildTestApp({ TWILIO_API_BASE_URL: fake.baseUrl });
    apps.push(t);
    const owner = await buildStaff(t.ctx, await buildCompany(t.ctx));

    const result = await runTest(t, owner);

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Twilio is not connected/);
    expect(fake.requests).toEqual([]);
  });
});

describe("auth token secrecy", () => {
  test("token absent from responses and logs", async () => {
    const { ctx, app, lines, database } = await buildLoggedApp(fake.baseUrl);
    const company = await buildCompany(ctx);
    const owner = await buildStaff(ctx, company);
    const send = (method: "GET" | "PUT" | "POST", url: string, body?: object) =>
      app.inject({
        method,
        url,
        headers: body
          ? { ...owner.headers, "content-type": "application/json" }
          : owner.headers,
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });

    const responses = [
      await send("PUT", "/api/company/twilio", {
        accountSid: SID,
        authToken: TOKEN,
        defaultNumber: NUMBER,
      }),
      await send("GET", "/api/company/twilio"),
      await send("POST", "/api/company/twilio/test"),
      await send("PUT", "/api/company/twilio", {
        accountSid: SID,
        authToken: WRONG_TOKEN,
        defaultNumber: NUMBER,
      }),
    ];
    // A token Twilio rejects can still be stored from before a rotation.
    await connectTwilio(ctx, company, {
      accountSid: SID,
      authToken: WRONG_TOKEN,
      defaultNumber: NUMBER,
    });
    responses.push(await send("POST", "/api/company/twilio/test"));
    const bodies = responses.map((response) => response.body);

    expect(responses[0]?.statusCode).toBe(200);
    expect(JSON.parse(bodies[2] ?? "{}").ok).toBe(true);
    expect(responses[3]?.statusCode).toBe(400);
    expect(JSON.parse(bodies[4] ?? "{}").twilioCode).toBe(20003);
    expect(lines.length).toBeGreaterThan(5);
    const basicAuth = Buffer.from(`${SID}:${TOKEN}`).toString("base64");
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(WRONG_TOKEN);
      expect(text).not.toContain(basicAuth);
    }
    await app.close();
    await database.close();
  });
});

/** Builds the app with a logger that records every line at trace level. */
async function buildLoggedApp(twilioApiBaseUrl: string) {
  const lines: string[] = [];
  const config = buildTestConfig({
    TWILIO_API_BASE_URL: twilioApiBaseUrl,
    LOG_LEVEL: "trace",
  });
  const database = await openTestDatabase();
  const { db } = database;
  const logger = pino(loggerOptions("trace"), {
    write: (line: string) => lines.push(line),
  });
  const ctx: AppContext = {
    config,
    db,
    logger,
    secretBox: new SecretBox(config.encryptionKey ?? randomBytes(32)),
  };
  const app = await buildApp(ctx);

  return { ctx, app, lines, database };
}
