import { formatPhoneNumber } from "../../src/common/phone.js";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  InboxSetup,
  TwilioConnectionSaved,
} from "../../src/common/api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  seedInbound,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import { auditRows, LEGACY_URL } from "../webhook-health/health-fixture.js";
import {
  startTwilioFaultProxy,
  TWILIO_SERVER_ERROR,
  type TwilioFaultProxy,
} from "../support/twilio-fault-proxy.js";

const THIRD_NUMBER = "+14155550122";
const CUSTOMER = "+14155550199";

let proxy: TwilioFaultProxy;
let server: InboxServer;

/**
 * Returns whether a request lists all the account's numbers. The credential
 * check filters by PhoneNumber, so it does not match.
 */
function isFullNumberList(method: string, url: string): boolean {
  return (
    method === "GET" &&
    url.includes("/IncomingPhoneNumbers.json") &&
    !url.includes("PhoneNumber=")
  );
}

beforeAll(async () => {
  proxy = await startTwilioFaultProxy();
  server = await startInboxServer({ TWILIO_API_BASE_URL: proxy.baseUrl });
  const { port } = server.sandbox.app.server.address() as AddressInfo;
  proxy.setTarget(`http://127.0.0.1:${port}`);
});

afterEach(() => {
  proxy.failUpdates(null);
});

afterAll(async () => {
  await server.close();
  await proxy.close();
});

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

async function storedNumbers(tenant: Tenant) {
  return server.ctx.db
    .selectFrom("inbox_numbers")
    .select(["phone_number", "account_sid", "twilio_sid"])
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

/** Posts a signed incoming text to `url`, as Twilio would. */
function postInbound(tenant: Tenant, url: string, to: string) {
  const messageSid = `SM${"a".repeat(32)}${Math.random()}`.slice(0, 34);

  return server.test.app.inject(
    signedWebhookRequest(
      url,
      {
        MessageSid: messageSid,
        SmsSid: messageSid,
        AccountSid: tenant.account.sid,
        From: CUSTOMER,
        To: to,
        Body: "Is the shop open today?",
        NumMedia: "0",
      },
      tenant.account.authToken,
    ),
  );
}

const stays = (phoneNumber: string) =>
  `${formatPhoneNumber(phoneNumber)} stays in the inbox as an extra number; remove it on the SMS Inbox setup page if you no longer use it.`;

describe("default number change", () => {
  it("keeps the previous default as an extra number", async () => {
    const tenant = await buildTenant(server);
    const onTwilio = addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const previous = server.sandbox.state
      .numbersOf(tenant.account.sid)
      .find((number) => number.phoneNumber === DEFAULT_NUMBER);

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.statusCode).toBe(200);
    const saved = response.json<TwilioConnectionSaved>();
    expect(saved.defaultNumber).toBe(SECOND_NUMBER);
    expect(saved.notices).toEqual([stays(DEFAULT_NUMBER)]);
    expect(await storedNumbers(tenant)).toEqual([
      {
        phone_number: DEFAULT_NUMBER,
        account_sid: tenant.account.sid,
        twilio_sid: previous?.sid,
      },
    ]);
    expect(onTwilio.phoneNumber).toBe(SECOND_NUMBER);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: SECOND_NUMBER, isDefault: true },
      { phoneNumber: DEFAULT_NUMBER, isDefault: false },
    ]);
  });

  it("never stores the default as an extra", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    await saveConnection(tenant, { defaultNumber: SECOND_NUMBER });
    const back = await saveConnection(tenant, {
      defaultNumber: DEFAULT_NUMBER,
    });
    const again = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(back.json<TwilioConnectionSaved>().notices).toEqual([
      stays(SECOND_NUMBER),
    ]);
    expect(again.json<TwilioConnectionSaved>().notices).toEqual([
      stays(DEFAULT_NUMBER),
    ]);
    const stored = await storedNumbers(tenant);
    expect(stored.map((row) => row.phone_number)).toEqual([DEFAULT_NUMBER]);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: SECOND_NUMBER, isDefault: true },
      { phoneNumber: DEFAULT_NUMBER, isDefault: false },
    ]);
    const removed = await auditRows(
      server,
      tenant,
      auditActions.inboxNumberRemoved,
    );
    expect(removed.map((row) => row.target_label)).toEqual([
      DEFAULT_NUMBER,
      SECOND_NUMBER,
    ]);
  });

  it("records the kept number in the audit log", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    await saveConnection(tenant, { defaultNumber: SECOND_NUMBER });
    const rows = await auditRows(server, tenant, auditActions.inboxNumberAdded);

    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_staff_id).toBe(tenant.owner.id);
    expect(rows[0]?.target_label).toBe(DEFAULT_NUMBER);
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({
      phoneNumber: DEFAULT_NUMBER,
      reason: "It was the default number until the Twilio connection changed.",
    });
  });

  it("accepts texts to the previous default", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    await saveConnection(tenant, { defaultNumber: SECOND_NUMBER });
    const tokenUrl = `${LEGACY_URL}/${tenant.company.webhookToken}`;

    const byToken = await postInbound(tenant, tokenUrl, DEFAULT_NUMBER);
    const byNumber = await postInbound(tenant, LEGACY_URL, DEFAULT_NUMBER);

    expect(byToken.statusCode).toBe(200);
    expect(byNumber.statusCode).toBe(200);
    const conversations = await server.ctx.db
      .selectFrom("conversations")
      .select("inbox_number")
      .where("company_id", "=", tenant.company.id)
      .execute();
    expect(conversations).toEqual([{ inbox_number: DEFAULT_NUMBER }]);
  });

  it("drops a previous default gone from the account", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const previous = server.sandbox.state
      .numbersOf(tenant.account.sid)
      .find((number) => number.phoneNumber === DEFAULT_NUMBER);
    server.sandbox.state.releaseNumber(tenant.account.sid, previous?.sid ?? "");

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      `${formatPhoneNumber(DEFAULT_NUMBER)} was not kept in the inbox because it is not on the connected Twilio account (${tenant.account.sid}). Texts to it no longer reach the inbox. Its conversations are kept, and replies in them go out from ${formatPhoneNumber(SECOND_NUMBER)}.`,
    ]);
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("drops a previous default without SMS", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    const previous = server.sandbox.state
      .numbersOf(tenant.account.sid)
      .find((number) => number.phoneNumber === DEFAULT_NUMBER);
    if (previous) previous.capabilities.sms = false;

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      expect.stringContaining("without SMS capability"),
    ]);
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("keeps it unchecked when Twilio cannot list", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    proxy.failRequests(isFullNumberList, TWILIO_SERVER_ERROR);

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.statusCode).toBe(200);
    expect(proxy.faultedRequests()).toBeGreaterThan(0);
    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      `${stays(DEFAULT_NUMBER)} Twilio could not list the account's numbers, so check on that page that its webhook still works.`,
    ]);
    expect(await storedNumbers(tenant)).toEqual([
      {
        phone_number: DEFAULT_NUMBER,
        account_sid: tenant.account.sid,
        twilio_sid: null,
      },
    ]);
  });

  it("shows an already added previous default again", async () => {
    const tenant = await buildTenant(server);
    await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const toSecond = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });
    const back = await saveConnection(tenant, {
      defaultNumber: DEFAULT_NUMBER,
    });

    expect(toSecond.json<TwilioConnectionSaved>().notices).toEqual([
      stays(DEFAULT_NUMBER),
    ]);
    expect(back.json<TwilioConnectionSaved>().notices).toEqual([
      stays(SECOND_NUMBER),
    ]);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: DEFAULT_NUMBER, isDefault: true },
      { phoneNumber: SECOND_NUMBER, isDefault: false },
    ]);
    const added = await auditRows(
      server,
      tenant,
      auditActions.inboxNumberAdded,
    );
    // SECOND_NUMBER left the extra numbers while it was the default.
    expect(added.map((row) => row.target_label)).toEqual([
      DEFAULT_NUMBER,
      SECOND_NUMBER,
    ]);
  });

  it("leaves a company without the inbox alone", async () => {
    const tenant = await buildTenant(server, { install: false });
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.json<TwilioConnectionSaved>().notices).toEqual([]);
    expect(await storedNumbers(tenant)).toEqual([]);
  });

  it("keeps it for conversations without the inbox", async () => {
    const tenant = await buildTenant(server, { install: false });
    addTwilioNumber(server, tenant.account, SECOND_NUMBER);
    await seedInbound(server.ctx, tenant.company, { from: CUSTOMER });

    const response = await saveConnection(tenant, {
      defaultNumber: SECOND_NUMBER,
    });

    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      stays(DEFAULT_NUMBER),
    ]);
  });

  it("changes nothing when saved unchanged", async () => {
    const tenant = await buildTenant(server);
    const listsBefore = listRequests();

    const response = await saveConnection(tenant, {
      defaultNumber: DEFAULT_NUMBER,
    });

    expect(response.json<TwilioConnectionSaved>().notices).toEqual([]);
    expect(await storedNumbers(tenant)).toEqual([]);
    // Only the credential check lists numbers.
    expect(listRequests() - listsBefore).toBe(1);
  });
});

describe("account change", () => {
  async function tenantOnNewAccount() {
    const tenant = await buildTenant(server);
    const account = server.sandbox.state.createAccount();
    addTwilioNumber(server, account, THIRD_NUMBER);

    return { tenant, account };
  }

  it("removes numbers missing from the new account", async () => {
    const { tenant, account } = await tenantOnNewAccount();
    await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await saveConnection(tenant, {
      accountSid: account.sid,
      authToken: account.authToken,
      defaultNumber: THIRD_NUMBER,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      `${formatPhoneNumber(SECOND_NUMBER)} is not on the new Twilio account (${account.sid}), so texts to it no longer reach the inbox and it was removed from it. Its conversations are kept, and replies in them go out from ${formatPhoneNumber(THIRD_NUMBER)}.`,
      `${formatPhoneNumber(DEFAULT_NUMBER)} was not kept in the inbox because it is not on the connected Twilio account (${account.sid}). Texts to it no longer reach the inbox. Its conversations are kept, and replies in them go out from ${formatPhoneNumber(THIRD_NUMBER)}.`,
    ]);
    expect(await storedNumbers(tenant)).toEqual([]);
    expect(await setupNumbers(tenant)).toEqual([
      { phoneNumber: THIRD_NUMBER, isDefault: true },
    ]);
    const removed = await auditRows(
      server,
      tenant,
      auditActions.inboxNumberRemoved,
    );
    expect(removed).toHaveLength(1);
    expect(JSON.parse(removed[0]?.details ?? "{}")).toEqual({
      phoneNumber: SECOND_NUMBER,
      reason: `The Twilio connection changed from account ${tenant.account.sid} to ${account.sid}, which does not have this number.`,
    });
  });

  it("moves numbers that are on the new account", async () => {
    const { tenant, account } = await tenantOnNewAccount();
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const movedSecond = addTwilioNumber(server, account, SECOND_NUMBER);
    const movedDefault = addTwilioNumber(server, account, DEFAULT_NUMBER);

    const response = await saveConnection(tenant, {
      accountSid: account.sid,
      authToken: account.authToken,
      defaultNumber: THIRD_NUMBER,
    });

    expect(response.json<TwilioConnectionSaved>().notices).toEqual([
      `${formatPhoneNumber(SECOND_NUMBER)} is also on the new Twilio account (${account.sid}) and stays in the inbox. Check on the SMS Inbox setup page that its webhook points at the inbox.`,
      stays(DEFAULT_NUMBER),
    ]);
    expect(await storedNumbers(tenant)).toEqual([
      {
        phone_number: DEFAULT_NUMBER,
        account_sid: account.sid,
        twilio_sid: movedDefault.sid,
      },
      {
        phone_number: SECOND_NUMBER,
        account_sid: account.sid,
        twilio_sid: movedSecond.sid,
      },
    ]);
  });

  it("removes numbers when the new account cannot be listed", async () => {
    const { tenant, account } = await tenantOnNewAccount();
    await seedInboxNumber(server, tenant, SECOND_NUMBER);
    proxy.failRequests(isFullNumberList, TWILIO_SERVER_ERROR);

    const response = await saveConnection(tenant, {
      accountSid: account.sid,
      authToken: account.authToken,
      defaultNumber: THIRD_NUMBER,
    });

    expect(response.statusCode).toBe(200);
    const notices = response.json<TwilioConnectionSaved>().notices;
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain(
      `${formatPhoneNumber(SECOND_NUMBER)} was removed from the inbox because the numbers on the new Twilio account (${account.sid}) could not be listed.`,
    );
    expect(notices[1]).toContain(
      `${formatPhoneNumber(DEFAULT_NUMBER)} was not kept in the inbox because the numbers on the new Twilio account (${account.sid}) could not be listed.`,
    );
    expect(await storedNumbers(tenant)).toEqual([]);
  });
});

function listRequests(): number {
  return server.sandbox.state.requestLog.entries.filter(
    (entry) => entry.operationId === "ListIncomingPhoneNumber",
  ).length;
}
