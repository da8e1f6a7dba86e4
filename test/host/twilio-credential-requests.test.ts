import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AvailableNumbers, Message } from "../../src/common/api.js";
import { nowIso } from "../../src/server/db/ids.js";
import type { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import {
  buildTenant,
  callApi,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  outboxJob,
  replyFromOwner,
  storedMessage,
  takeOverOutbox,
} from "../outbox/outbox-fixture.js";
import {
  startTwilioHoldProxy,
  type HoldMatcher,
  type TwilioHoldProxy,
} from "../support/twilio-hold-proxy.js";
import {
  fetchAlerts,
  fetchConnection,
  rotateAuthToken,
  saveToken,
  testConnection,
} from "./credential-fixture.js";

let proxy: TwilioHoldProxy;
let server: InboxServer;
/** Sends queued texts only when a test calls deliverDueJobs. */
let outbox: OutboxWorker;

beforeAll(async () => {
  proxy = await startTwilioHoldProxy();
  server = await startInboxServer({ TWILIO_API_BASE_URL: proxy.baseUrl });
  const { port } = server.sandbox.app.server.address() as AddressInfo;
  proxy.setTarget(`http://127.0.0.1:${port}`);
  outbox = await takeOverOutbox(server);
});

afterAll(async () => {
  await server.close();
  await proxy.close();
});

const isSend: HoldMatcher = (method, url) =>
  method === "POST" && url.split("?")[0]?.endsWith("/Messages.json") === true;

/** Matches the webhook check's lookup of the default number by PhoneNumber. */
const isNumberLookup: HoldMatcher = (method, url) =>
  method === "GET" && url.includes("/IncomingPhoneNumbers.json?");

async function listAvailableNumbers(tenant: Tenant): Promise<AvailableNumbers> {
  const response = await callApi(
    server,
    tenant.owner,
    "GET",
    "/available-numbers",
  );
  expect(response.statusCode).toBe(200);

  return response.json<AvailableNumbers>();
}

/** Queues a reply as the tenant's owner and returns the message id. */
async function queueReply(tenant: Tenant, body: string): Promise<string> {
  const { response, messageId } = await replyFromOwner(server, tenant, body);
  expect(response.statusCode, response.body).toBe(201);

  return messageId;
}

/** Rows of the stored webhook check that show error 20003. */
async function storedRejections(tenant: Tenant) {
  return server.ctx.db
    .selectFrom("webhook_health")
    .select(["phone_number", "checked_at"])
    .where("company_id", "=", tenant.company.id)
    .where("error_code", "=", 20003)
    .execute();
}

describe("credential finding from sends", () => {
  it("records a send rejected with 20003", async () => {
    const tenant = await buildTenant(server);
    await queueReply(tenant, "On our way.");
    rotateAuthToken(tenant);
    const before = nowIso();

    await outbox.deliverDueJobs();
    const connection = await fetchConnection(server, tenant);
    const alerts = await fetchAlerts(server, tenant);

    expect(connection.credentialsRejectedAt).not.toBeNull();
    expect(connection.credentialsRejectedAt! >= before).toBe(true);
    expect(alerts.checkProblem?.kind).toBe("credentials_rejected");
    expect(alerts.checkProblem?.checkedAt).toBe(
      connection.credentialsRejectedAt,
    );
  });

  it("fails a 20003 send once, open to a retry", async () => {
    const tenant = await buildTenant(server);
    const messageId = await queueReply(tenant, "Table for 2.");
    rotateAuthToken(tenant);

    await outbox.deliverDueJobs();
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);
    const thread = await callApi(
      server,
      tenant.owner,
      "GET",
      `/conversations/${stored.conversation_id}/messages`,
    );
    const presented = thread
      .json<{ messages: Message[] }>()
      .messages.find((message) => message.id === messageId);

    expect(stored.status).toBe("failed");
    expect(stored.error_code).toBe(20003);
    expect(job).toMatchObject({ state: "failed", attempts: 1 });
    expect(presented).toMatchObject({ errorCode: 20003, retryable: true });
  });

  it("checks once for repeated rejections", async () => {
    const tenant = await buildTenant(server);
    await queueReply(tenant, "Your table is ready.");
    rotateAuthToken(tenant);
    await outbox.deliverDueJobs();
    const first = await storedRejections(tenant);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queueReply(tenant, "Still holding it.");

    await outbox.deliverDueJobs();
    const second = await storedRejections(tenant);

    expect(first).not.toHaveLength(0);
    expect(second).toEqual(first);
  });

  it("clears after a successful send", async () => {
    const tenant = await buildTenant(server);
    const token = tenant.account.authToken;
    rotateAuthToken(tenant);
    await testConnection(server, tenant);
    const rejected = await fetchConnection(server, tenant);
    tenant.account.authToken = token;
    const messageId = await queueReply(tenant, "See you at 10.");

    await outbox.deliverDueJobs();
    const stored = await storedMessage(server, messageId);
    const connection = await fetchConnection(server, tenant);

    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(stored.twilio_sid).not.toBeNull();
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("ignores a rejection of replaced credentials", async () => {
    const tenant = await buildTenant(server);
    const messageId = await queueReply(tenant, "Running late.");
    const newToken = rotateAuthToken(tenant);
    const requestHeld = proxy.holdNext(isSend);

    const delivering = outbox.deliverDueJobs();
    await requestHeld;
    await saveToken(server, tenant, newToken);
    proxy.release();
    await delivering;
    const stored = await storedMessage(server, messageId);
    const connection = await fetchConnection(server, tenant);

    expect(stored.error_code).toBe(20003);
    expect(connection.credentialsRejectedAt).toBeNull();
  });

  it("ignores a check that outlived the credentials", async () => {
    const tenant = await buildTenant(server);
    const messageId = await queueReply(tenant, "Parcel is here.");
    const newToken = rotateAuthToken(tenant);
    // The send fails, then the check it starts waits at Twilio while
    // staff save the new token.
    const requestHeld = proxy.holdNext(isNumberLookup);

    const delivering = outbox.deliverDueJobs();
    await requestHeld;
    await saveToken(server, tenant, newToken);
    proxy.release();
    await delivering;
    const stored = await storedMessage(server, messageId);
    const rejections = await storedRejections(tenant);
    const connection = await fetchConnection(server, tenant);

    expect(stored.error_code).toBe(20003);
    expect(rejections).toHaveLength(1);
    expect(connection.credentialsRejectedAt).toBeNull();
  });
});

describe("credential finding from the number list", () => {
  it("records a listing rejected with 20003", async () => {
    const tenant = await buildTenant(server);
    rotateAuthToken(tenant);
    const before = nowIso();

    const listed = await listAvailableNumbers(tenant);
    const connection = await fetchConnection(server, tenant);

    expect(listed.ok).toBe(false);
    expect(connection.credentialsRejectedAt).not.toBeNull();
    expect(connection.credentialsRejectedAt! >= before).toBe(true);
  });

  it("clears after a successful listing", async () => {
    const tenant = await buildTenant(server);
    const token = tenant.account.authToken;
    rotateAuthToken(tenant);
    await testConnection(server, tenant);
    const rejected = await fetchConnection(server, tenant);
    tenant.account.authToken = token;

    const listed = await listAvailableNumbers(tenant);
    const connection = await fetchConnection(server, tenant);

    expect(rejected.credentialsRejectedAt).not.toBeNull();
    expect(listed.ok).toBe(true);
    expect(connection.credentialsRejectedAt).toBeNull();
  });
});
