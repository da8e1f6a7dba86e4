import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/server/db/database.js";
import { isPostgres } from "../../src/server/db/dialect.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  EMPTY_TWIML,
  buildInboxCompany,
  countRows,
  inboundParams,
  postSigned,
  tokenUrl,
} from "./webhook-fixture.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

/** Makes every insert into messages fail, as a failing disk would. */
async function failMessageInserts(db: Db) {
  if (!isPostgres(db)) {
    await sql`
      CREATE TRIGGER fail_message_insert BEFORE INSERT ON messages
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END
    `.execute(db);

    return;
  }

  await sql`
    CREATE FUNCTION fail_message_insert() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$
  `.execute(db);
  await sql`
    CREATE TRIGGER fail_message_insert BEFORE INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION fail_message_insert()
  `.execute(db);
}

async function allowMessageInserts(db: Db) {
  const table = isPostgres(db) ? sql` ON messages` : sql``;
  await sql`DROP TRIGGER fail_message_insert${table}`.execute(db);
}

describe("webhook duplicate deliveries", () => {
  test("sequential duplicate stored once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);

    const first = await postSigned(testApp.app, inbox, params);
    const second = await postSigned(testApp.app, inbox, params);

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(EMPTY_TWIML);
    expect(await countRows(testApp.ctx)).toEqual({
      messages: 1,
      conversations: 1,
      media: 0,
    });
  });

  test("concurrent duplicates stored once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, {
      NumMedia: "1",
      MediaUrl0: "https://api.twilio.com/media/ME1",
      MediaContentType0: "image/jpeg",
    });
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      params,
      inbox.twilio.authToken,
    );

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => testApp.app.inject(request)),
    );

    for (const response of responses) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(EMPTY_TWIML);
      expect(response.headers["content-type"]).toMatch(/^text\/xml\b/);
    }
    expect(await countRows(testApp.ctx)).toEqual({
      messages: 1,
      conversations: 1,
      media: 1,
    });
  });

  test("duplicate keeps the first body", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { Body: "first" });

    await postSigned(testApp.app, inbox, params);
    await postSigned(testApp.app, inbox, { ...params, Body: "second" });

    const rows = await testApp.ctx.db
      .selectFrom("messages")
      .select("body")
      .execute();
    expect(rows).toEqual([{ body: "first" }]);
  });
});

describe("webhook storage failure", () => {
  test("failed insert gets 500", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await failMessageInserts(testApp.ctx.db);

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
    );

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain("<Response");
    // The conversation row is rolled back with the message.
    expect(await countRows(testApp.ctx)).toEqual({
      messages: 0,
      conversations: 0,
      media: 0,
    });
  });

  test("retry after failure stores once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);
    await failMessageInserts(testApp.ctx.db);
    const failed = await postSigned(testApp.app, inbox, params);
    await allowMessageInserts(testApp.ctx.db);

    const retried = await postSigned(testApp.app, inbox, params);

    expect(failed.statusCode).toBe(500);
    expect(retried.statusCode).toBe(200);
    expect((await countRows(testApp.ctx)).messages).toBe(1);
  });
});
