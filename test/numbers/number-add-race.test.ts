import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxNumber, InboxSetup } from "../../src/common/api.js";
import { announceTwilioConnectionChanged } from "../../src/server/host/twilio/twilio-connection-changes.js";
import { saveTwilioConnection } from "../../src/server/host/twilio-connection-store.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { testPostgresUrl } from "../support/test-database.js";
import {
  startTwilioHoldProxy,
  type TwilioHoldProxy,
} from "../support/twilio-hold-proxy.js";

const THIRD_NUMBER = "+14155550122";
const onPostgres = testPostgresUrl() !== null;

let proxy: TwilioHoldProxy;
let server: InboxServer;

beforeAll(async () => {
  proxy = await startTwilioHoldProxy();
  server = await startInboxServer({ TWILIO_API_BASE_URL: proxy.baseUrl });
  const { port } = server.sandbox.app.server.address() as AddressInfo;
  proxy.setTarget(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await server.close();
  await proxy.close();
});

/** Returns a matcher for the IncomingPhoneNumbers lookup of one number. */
function isLookupOf(phoneNumber: string) {
  return (method: string, url: string) =>
    method === "GET" &&
    url.includes("/IncomingPhoneNumbers.json") &&
    decodeURIComponent(url).includes(`PhoneNumber=${phoneNumber}`);
}

function addNumber(tenant: Tenant, phoneNumber: string) {
  return callApi(server, tenant.owner, "POST", "/numbers", {
    body: { phoneNumber },
  });
}

function saveConnection(
  tenant: Tenant,
  body: { accountSid?: string; authToken?: string; defaultNumber: string },
) {
  return server.test.app.inject({
    method: "PUT",
    url: "/api/company/twilio",
    headers: { ...tenant.owner.headers, "content-type": "application/json" },
    payload: JSON.stringify({ accountSid: tenant.account.sid, ...body }),
  });
}

function errorMessage(response: { json<T>(): T }): string {
  return response.json<{ error: { message: string } }>().error.message;
}

async function storedNumbers(tenant: Tenant) {
  return server.ctx.db
    .selectFrom("inbox_numbers")
    .select(["phone_number", "account_sid"])
    .where("company_id", "=", tenant.company.id)
    .orderBy("phone_number")
    .execute();
}

async function setupNumbers(tenant: Tenant) {
  const response = await callApi(server, tenant.owner, "GET", "/setup");

  return response
    .json<InboxSetup>()
    .numbers.map(({ phoneNumber, isDefault }) => ({ phoneNumber, isDefault }));
}

const DEFAULT_CONFLICT = (phoneNumber: string) =>
  `${phoneNumber} is the company's default number, which the inbox already uses.`;

describe("adding a number during a connection change", () => {
  it("rejects a number that became the default", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const lookupHeld = proxy.holdNext(isLookupOf(SECOND_NUMBER));

    // The add passes its first check, then waits for Twilio's lookup while
    // the default number changes to the number it adds.
    const adding = addNumber(tenant, SECOND_NUMBER);
    await lookupHeld;
    const saved = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });
    proxy.release();
    const added = await adding;

    expect(saved.statusCode).toBe(200);
    expect(added.statusCode).toBe(409);
    expect(errorMessage(added)).toBe(DEFAULT_CONFLICT(SECOND_NUMBER));
    expect(await storedNumbers(tenant)).toEqual([
      { phone_number: DEFAULT_NUMBER, account_sid: tenant.account.sid },
    ]);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: SECOND_NUMBER, isDefault: true },
      { phoneNumber: DEFAULT_NUMBER, isDefault: false },
    ]);
  });

  it("rejects a number after the account changed", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const account = server.sandbox.state.createAccount();
    addTwilioNumber(server, account, THIRD_NUMBER);
    const lookupHeld = proxy.holdNext(isLookupOf(SECOND_NUMBER));

    const adding = addNumber(tenant, SECOND_NUMBER);
    await lookupHeld;
    const saved = await saveConnection(tenant, {
      accountSid: account.sid,
      authToken: account.authToken,
      defaultNumber: THIRD_NUMBER,
    });
    proxy.release();
    const added = await adding;

    expect(saved.statusCode).toBe(200);
    expect(added.statusCode).toBe(409);
    expect(errorMessage(added)).toBe(
      `The Twilio connection changed to account ${account.sid} while ${SECOND_NUMBER} was being checked, so it was not added. Add it again.`,
    );
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("adds a number when the default changed to another", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    addTwilioNumber(server, tenant.account, THIRD_NUMBER);
    const lookupHeld = proxy.holdNext(isLookupOf(SECOND_NUMBER));

    const adding = addNumber(tenant, SECOND_NUMBER);
    await lookupHeld;
    const saved = await saveConnection(tenant, {
      defaultNumber: THIRD_NUMBER,
    });
    proxy.release();
    const added = await adding;

    expect(saved.statusCode).toBe(200);
    expect(added.statusCode).toBe(201);
    expect(added.json<InboxNumber>().phoneNumber).toBe(SECOND_NUMBER);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: THIRD_NUMBER, isDefault: true },
      { phoneNumber: DEFAULT_NUMBER, isDefault: false },
      { phoneNumber: SECOND_NUMBER, isDefault: false },
    ]);
  });

  it("never lists the default as an extra", async () => {
    for (let round = 0; round < 6; round += 1) {
      const tenant = await buildTenant(server);
      addTwilioNumber(server, tenant.account, SECOND_NUMBER);

      const [added, saved] = await Promise.all([
        addNumber(tenant, SECOND_NUMBER),
        saveConnection(tenant, { defaultNumber: SECOND_NUMBER }),
      ]);

      expect(saved.statusCode).toBe(200);
      expect([201, 409]).toContain(added.statusCode);
      if (added.statusCode === 409) {
        expect(errorMessage(added)).toBe(DEFAULT_CONFLICT(SECOND_NUMBER));
      }
      expect(await storedNumbers(tenant)).toEqual([
        { phone_number: DEFAULT_NUMBER, account_sid: tenant.account.sid },
      ]);
      expect(await setupNumbers(tenant)).toEqual([
        { phoneNumber: SECOND_NUMBER, isDefault: true },
        { phoneNumber: DEFAULT_NUMBER, isDefault: false },
      ]);
    }
  });
});

describe.runIf(onPostgres)("adding a number on PostgreSQL", () => {
  /**
   * Runs the database part of a default number change in a transaction that
   * stays open until `commit` is called, and returns that transaction's id.
   */
  async function openDefaultChange(tenant: Tenant, defaultNumber: string) {
    let commit: () => void = () => undefined;
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let started: (xid: string) => void = () => undefined;
    const xid = new Promise<string>((resolve) => {
      started = resolve;
    });
    const done = server.ctx.db.transaction().execute(async (trx) => {
      await saveTwilioConnection(
        { ...server.ctx, db: trx },
        tenant.company.id,
        {
          ...tenant.connection,
          defaultNumber,
        },
      );
      await announceTwilioConnectionChanged(trx, {
        companyId: tenant.company.id,
        actor: { staffId: tenant.owner.id, ip: null },
        previous: {
          accountSid: tenant.account.sid,
          defaultNumber: DEFAULT_NUMBER,
        },
        previousDefaultNumberName: null,
        current: { accountSid: tenant.account.sid, defaultNumber },
        accountNumbers: null,
      });
      const { rows } = await sql<{
        xid: string;
      }>`SELECT pg_current_xact_id()::text AS xid`.execute(trx);
      started(rows[0]?.xid ?? "");
      await committing;
    });

    return { xid: await xid, commit, done };
  }

  /** Counts the sessions that wait for the transaction `xid` to end. */
  async function waitersOn(xid: string): Promise<number> {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'transactionid' AND NOT granted
        AND transactionid::text = ${xid}
    `.execute(server.ctx.db);

    return rows[0]?.waiting ?? 0;
  }

  it("waits for an uncommitted default change", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    const change = await openDefaultChange(tenant, SECOND_NUMBER);
    const adding = addNumber(tenant, SECOND_NUMBER);
    try {
      await expect
        .poll(() => waitersOn(change.xid), { timeout: 5_000 })
        .toBe(1);
    } finally {
      change.commit();
      await change.done;
    }
    const added = await adding;

    expect(added.statusCode).toBe(409);
    expect(errorMessage(added)).toBe(DEFAULT_CONFLICT(SECOND_NUMBER));
    expect(await storedNumbers(tenant)).toEqual([
      { phone_number: DEFAULT_NUMBER, account_sid: tenant.account.sid },
    ]);
  });
});
