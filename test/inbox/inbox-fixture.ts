import { randomBytes, randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import type {
  SandboxAccount,
  SandboxMessage,
  SandboxNumber,
} from "../../src/sandbox/state-types.js";
import type { AppContext } from "../../src/server/context.js";
import { newId, nowIso } from "../../src/server/db/ids.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
  type BuiltCompany,
  type BuiltStaff,
  type BuiltTwilioConnection,
} from "../support/factories.js";

export const API = "/api/plugins/sms-chat";
export const DEFAULT_NUMBER = "+14155550100";
export const SECOND_NUMBER = "+14155550111";
/**
 * Sandbox messages move to "sent" only after this delay, so no test here
 * lives long enough for the sandbox to post a status callback. They would
 * go to the test config's PUBLIC_URL, which is not a loopback address.
 */
const STATUS_STEP_DELAY_MS = 60 * 60 * 1000;

type SendHook = () => Promise<void>;

export interface InboxServer {
  test: TestApp;
  ctx: AppContext;
  sandbox: Sandbox;
  /** Sends queued texts to the sandbox, with retries in milliseconds. */
  outbox: OutboxWorker;
  /** Runs `hook` before the sandbox handles each Messages.json create. */
  setSendHook(hook: SendHook | null): void;
  close(): Promise<void>;
}

/**
 * Starts the Twilio sandbox, an app that sends its Twilio requests there,
 * and an outbox worker. `env` overrides config variables.
 */
export async function startInboxServer(
  env: Record<string, string> = {},
): Promise<InboxServer> {
  const sandbox = await createSandbox({
    logLevel: "silent",
    statusStepDelayMs: STATUS_STEP_DELAY_MS,
  });
  let sendHook: SendHook | null = null;
  sandbox.app.addHook("preHandler", async (request) => {
    const isCreate =
      request.method === "POST" && request.url.endsWith("/Messages.json");
    if (isCreate && sendHook) await sendHook();
  });
  const url = await sandbox.listen(0, "127.0.0.1");
  const test = await buildTestApp({
    TWILIO_API_BASE_URL: url,
    TWILIO_TIMEOUT_MS: "5000",
    OUTBOX_MAX_ATTEMPTS: "3",
    OUTBOX_RETRY_BASE_MS: "5",
    OUTBOX_RETRY_MAX_MS: "20",
    ...env,
  });
  const outbox = new OutboxWorker(test.ctx, { pollIntervalMs: 20 });
  outbox.start();

  return {
    test,
    ctx: test.ctx,
    sandbox,
    outbox,
    setSendHook: (hook) => {
      sendHook = hook;
    },
    close: async () => {
      await outbox.stop();
      await test.close();
      await sandbox.close();
    },
  };
}

/**
 * Waits until the outbox has no pending or sending job left, so every
 * queued text was sent or failed for good. Throws after `timeoutMs`.
 */
export async function settleOutbox(
  server: InboxServer,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await server.ctx.db
      .selectFrom("outbox_jobs")
      .select("id")
      .where("state", "in", ["pending", "sending"])
      .execute();
    if (open.length === 0) return;

    if (Date.now() > deadline) {
      throw new Error(`${open.length} outbox jobs still open`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Adds a number to a sandbox account, SMS-capable unless `sms` is false. */
export function addTwilioNumber(
  server: InboxServer,
  account: SandboxAccount,
  phoneNumber: string,
  options: { sms?: boolean } = {},
): SandboxNumber {
  const sms = options.sms ?? true;

  return server.sandbox.state.addNumber(account.sid, {
    phoneNumber,
    capabilities: { sms, mms: sms },
  });
}

/** Lists the texts the account sent through the sandbox, oldest first. */
export function sentTexts(
  server: InboxServer,
  account: SandboxAccount,
): SandboxMessage[] {
  return server.sandbox.state
    .messagesOf(account.sid)
    .filter((message) => message.direction !== "inbound");
}

/** Counts the IncomingPhoneNumbers list pages the sandbox has served. */
export function countNumberListPages(server: InboxServer): number {
  return server.sandbox.state.requestLog.entries.filter(
    (entry) => entry.operationId === "ListIncomingPhoneNumber",
  ).length;
}

export interface Tenant {
  company: BuiltCompany;
  account: SandboxAccount;
  connection: BuiltTwilioConnection;
  /** Location where the inbox is enabled. */
  enabledLocationId: string;
  /** Location where it is not. */
  otherLocationId: string;
  /** Manages the company and may send, at the enabled location. */
  owner: BuiltStaff;
  /** No permissions, at the enabled location. */
  viewer: BuiltStaff;
  /** Owner role, but only at the location without the inbox. */
  outsider: BuiltStaff;
}

/**
 * Creates a company on its own sandbox account with the default number,
 * connects it, and installs the inbox at its first location only.
 */
export async function buildTenant(
  server: InboxServer,
  options: { install?: boolean; connect?: boolean } = {},
): Promise<Tenant> {
  const { ctx } = server;
  const company = await buildCompany(ctx);
  const [enabledLocationId, otherLocationId] = company.locationIds as [
    string,
    string,
  ];
  const account = server.sandbox.state.createAccount();
  addTwilioNumber(server, account, DEFAULT_NUMBER);
  const connection = {
    accountSid: account.sid,
    authToken: account.authToken,
    defaultNumber: DEFAULT_NUMBER,
  };
  if (options.connect !== false) await connectTwilio(ctx, company, connection);

  if (options.install !== false) {
    await installSmsInbox(ctx, company, { locationIds: [enabledLocationId] });
  }

  const at = (locationId: string) => ({ locationIds: [locationId] });

  return {
    company,
    account,
    connection,
    enabledLocationId,
    otherLocationId,
    owner: await buildStaff(ctx, company, at(enabledLocationId)),
    viewer: await buildStaff(ctx, company, {
      ...at(enabledLocationId),
      roleId: company.viewerRoleId,
    }),
    outsider: await buildStaff(ctx, company, at(otherLocationId)),
  };
}

/** Stores an incoming text as the webhook would, and returns its ids. */
export async function seedInbound(
  ctx: AppContext,
  company: BuiltCompany,
  text: {
    from: string;
    to?: string;
    body?: string;
    at?: string;
    media?: { url: string; contentType: string }[];
  },
) {
  const to = text.to ?? DEFAULT_NUMBER;

  return ctx.db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: company.id,
      customerNumber: text.from,
      inboxNumber: to,
      direction: "inbound",
      twilioSid: `SM${randomBytes(16).toString("hex")}`,
      from: text.from,
      to,
      body: text.body ?? "Hello",
      status: "received",
      sentByStaffId: null,
      media: text.media ?? [],
      createdAt: text.at ?? nowIso(),
    }),
  );
}

/**
 * Stores an added inbox number directly, without the API, and puts it on the
 * tenant's sandbox account when it is not there yet.
 */
export async function seedInboxNumber(
  server: InboxServer,
  tenant: Tenant,
  phoneNumber: string,
): Promise<string> {
  const onTwilio = server.sandbox.state
    .numbersOf(tenant.account.sid)
    .find((number) => number.phoneNumber === phoneNumber);
  const twilioNumber =
    onTwilio ?? addTwilioNumber(server, tenant.account, phoneNumber);
  const id = newId();
  await server.ctx.db
    .insertInto("inbox_numbers")
    .values({
      id,
      company_id: tenant.company.id,
      account_sid: tenant.account.sid,
      phone_number: phoneNumber,
      twilio_sid: twilioNumber.sid,
      created_at: nowIso(),
    })
    .execute();

  return id;
}

export async function seedCustomer(
  ctx: AppContext,
  company: BuiltCompany,
  customer: {
    name: string;
    phone: string;
    phoneE164: string | null;
    at?: string;
  },
): Promise<void> {
  await ctx.db
    .insertInto("customers")
    .values({
      id: newId(),
      company_id: company.id,
      name: customer.name,
      phone: customer.phone,
      phone_e164: customer.phoneE164,
      created_at: customer.at ?? nowIso(),
    })
    .execute();
}

export interface CallOptions {
  body?: unknown;
  /** Leaves out the X-CSRF-Token header. */
  withoutCsrf?: boolean;
  /**
   * Idempotency-Key header of a POST: a new UUID unless given; null leaves
   * the header out.
   */
  idempotencyKey?: string | null;
}

/** Calls the inbox API as `staff`, or signed out when `staff` is null. */
export async function callApi(
  server: InboxServer,
  staff: BuiltStaff | null,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (staff) {
    headers.cookie = staff.cookie;
    if (!options.withoutCsrf) headers["x-csrf-token"] = staff.csrfToken;
  }
  const key =
    options.idempotencyKey === undefined
      ? randomUUID()
      : options.idempotencyKey;
  if (method === "POST" && key !== null) headers["idempotency-key"] = key;

  return server.test.app.inject({
    method,
    url: `${API}${path}`,
    headers,
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
}

/** Returns the `error.code` of an error response. */
export function errorCode(
  response: LightMyRequestResponse,
): string | undefined {
  const body = response.json<{ error?: { code?: string } }>();

  return body.error?.code;
}
