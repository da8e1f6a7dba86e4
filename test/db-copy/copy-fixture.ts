import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import pg from "pg";
import { COPY_TABLE_ORDER } from "../../src/server/db/copy/copy-tables.js";
import { saveUpload } from "../../src/server/plugins/sms-inbox/media/upload-store.js";
import { API } from "../inbox/inbox-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildStaff, type BuiltStaff } from "../support/factories.js";
import {
  createTestDatabaseUrl,
  testPostgresUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";
import {
  addInboxNumber,
  buildInboxCompany,
  inboundParams,
  postSigned,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";
import type { FormParams } from "../support/twilio-signing.js";

/** The server `npm run test:pg` uses, probed when TEST_DATABASE_URL is not PostgreSQL. */
const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * Returns the PostgreSQL server to copy into: TEST_DATABASE_URL when it is
 * PostgreSQL, else the local test server when it accepts a connection, else
 * null.
 */
export async function findPostgresServer(): Promise<string | null> {
  const configured = testPostgresUrl();
  if (configured) return configured;

  const client = new pg.Client({
    connectionString: LOCAL_POSTGRES_URL,
    connectionTimeoutMillis: 2000,
  });
  // A refused connection leaves an error event that would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.end();

    return LOCAL_POSTGRES_URL;
  } catch {
    return null;
  }
}

/**
 * Creates a fresh PostgreSQL schema on `server` through the shared test
 * helper, which picks the server from TEST_DATABASE_URL.
 */
export async function createPostgresSchema(
  server: string,
): Promise<TestDatabaseUrl> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = server;
  try {
    return await createTestDatabaseUrl(":memory:");
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = previous;
  }
}

export interface SourceWorld {
  dir: string;
  /** Path of the SQLite database file. */
  path: string;
  /** ENCRYPTION_KEY the data set was written with, in hex. */
  encryptionKey: string;
  inbox: InboxCompany;
  owner: BuiltStaff;
  /** Conversation with inbound, outbound and media messages. */
  conversationId: string;
  remove(): Promise<void>;
}

/**
 * Writes a realistic data set into a new SQLite file through the app:
 * inbound texts with emoji, NUL characters and media, replies with an
 * upload queued in the outbox, a STOP keyword, read state and events.
 */
export async function buildSourceDatabase(): Promise<SourceWorld> {
  const dir = await mkdtemp(join(tmpdir(), "sms-inbox-copy-"));
  const path = join(dir, "sms-inbox.sqlite");
  const encryptionKey = randomBytes(32).toString("hex");
  const test = await buildTestApp({
    DATABASE_URL: path,
    DATA_DIR: dir,
    ENCRYPTION_KEY: encryptionKey,
  });
  try {
    const seeded = await seedDataSet(test);

    return {
      dir,
      path,
      encryptionKey,
      ...seeded,
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } finally {
    await test.close();
  }
}

async function seedDataSet(test: TestApp) {
  const { app, ctx } = test;
  const inbox = await buildInboxCompany(ctx);
  const owner = await buildStaff(ctx, inbox.company);
  await buildStaff(ctx, inbox.company, { roleId: inbox.company.viewerRoleId });
  await addInboxNumber(ctx, inbox, "+14155550111");
  await ctx.db
    .insertInto("customers")
    .values({
      id: randomUUID(),
      company_id: inbox.company.id,
      name: "Zoë Kayak 🛶",
      phone: "(415) 555-0199",
      phone_e164: "+14155550199",
      created_at: new Date().toISOString(),
    })
    .execute();

  const inboundBodies = [
    "Hi, is my 10am kayak tour still on? 🌊",
    "Null\u0000byte and ünïcödé",
    "",
  ];
  for (const [index, body] of inboundBodies.entries()) {
    // The last text is an MMS with an image and no body.
    const media: FormParams =
      index === 2
        ? {
            NumMedia: "1",
            MediaUrl0: "https://api.twilio.com/2010-04-01/Media/ME1",
            MediaContentType0: "image/jpeg",
          }
        : {};
    expectOk(
      await postSigned(
        app,
        inbox,
        inboundParams(inbox.twilio, { Body: body, ...media }),
      ),
    );
  }

  const conversation = await ctx.db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", inbox.company.id)
    .executeTakeFirstOrThrow();
  const upload = await saveUpload(ctx, {
    companyId: inbox.company.id,
    staffId: owner.id,
    filename: "map.png",
    contentType: "image/png",
    bytes: Buffer.from("not really a png"),
  });
  const replies = [
    { body: "Yes! See you at the dock 👋", mediaIds: [] },
    { body: "Here is the map", mediaIds: [upload.id] },
  ];
  for (const reply of replies) {
    expectOk(
      await app.inject({
        method: "POST",
        url: `${API}/conversations/${conversation.id}/messages`,
        headers: { ...owner.headers, "idempotency-key": randomUUID() },
        payload: reply,
      }),
    );
  }
  expectOk(
    await app.inject({
      method: "POST",
      url: `${API}/conversations/${conversation.id}/read`,
      headers: owner.headers,
    }),
  );

  // An invitation, which also writes an audit entry.
  expectOk(
    await app.inject({
      method: "POST",
      url: "/api/staff",
      headers: owner.headers,
      payload: {
        name: "Invited Ines",
        email: "ines@example.com",
        roleId: inbox.company.viewerRoleId,
        locationIds: [inbox.company.locationIds[0]],
      },
    }),
  );
  const checkedAt = new Date().toISOString();
  await ctx.db
    .insertInto("webhook_health")
    .values({
      company_id: inbox.company.id,
      phone_number: "+14155550111",
      lookup: "found",
      twilio_sid: "PN00000000000000000000000000000111",
      sms_url: "https://example.com/elsewhere",
      sms_method: "POST",
      sms_capable: 1,
      error_code: null,
      error_message: null,
      checked_at: checkedAt,
    })
    .execute();
  await ctx.db
    .insertInto("outbox_sender_slots")
    .values({
      company_id: inbox.company.id,
      from_number: inbox.twilio.defaultNumber,
      next_send_at: checkedAt,
    })
    .execute();

  // A second customer opts out, which stores an opt-out row.
  expectOk(
    await postSigned(
      app,
      inbox,
      inboundParams(inbox.twilio, { From: "+14155550123", Body: "STOP" }),
    ),
  );

  return { inbox, owner, conversationId: conversation.id };
}

function expectOk(response: LightMyRequestResponse): void {
  if (response.statusCode < 300) return;

  throw new Error(
    `Seeding failed with ${response.statusCode}: ${response.body}`,
  );
}

/**
 * Deletes every product row from a target, so the next test copies into an
 * empty database. Tests reuse one schema per file instead of dropping one
 * per test, because a schema dropped while Kysely's migrator lists the
 * tables of every schema makes that migration fail.
 */
export async function clearTarget(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `TRUNCATE ${COPY_TABLE_ORDER.join(", ")} RESTART IDENTITY CASCADE`,
    );
  } finally {
    await client.end();
  }
}
