import type { LightMyRequestResponse } from "fastify";
import type {
  NumberWebhookHealth,
  WebhookHealthReport,
} from "../../src/common/webhook-health-api.js";
import type { SandboxNumber } from "../../src/sandbox/state-types.js";
import {
  callApi,
  DEFAULT_NUMBER,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import type { BuiltStaff } from "../support/factories.js";

export const PUBLIC_URL = "https://inbox.example.com";
export const LEGACY_URL = `${PUBLIC_URL}/v1/plugins/sms-chat/webhook`;

/** The token URL of the tenant's company, with its current token. */
export async function currentTokenUrl(
  server: InboxServer,
  tenant: Tenant,
): Promise<string> {
  const row = await server.ctx.db
    .selectFrom("companies")
    .select("webhook_token")
    .where("id", "=", tenant.company.id)
    .executeTakeFirstOrThrow();

  return `${LEGACY_URL}/${row.webhook_token}`;
}

/** Returns the tenant's number on its sandbox account. */
export function sandboxNumber(
  server: InboxServer,
  tenant: Tenant,
  phoneNumber = DEFAULT_NUMBER,
): SandboxNumber {
  const number = server.sandbox.state
    .numbersOf(tenant.account.sid)
    .find((candidate) => candidate.phoneNumber === phoneNumber);
  if (!number) throw new Error(`${phoneNumber} is not in the sandbox.`);

  return number;
}

/** Sets a sandbox number's incoming-message webhook, as the Console would. */
export function pointNumberAt(
  number: SandboxNumber,
  smsUrl: string,
  smsMethod: "GET" | "POST" = "POST",
): void {
  number.smsUrl = smsUrl;
  number.smsMethod = smsMethod;
}

/** Loads the setup page's webhook health as `staff`. */
export async function fetchHealth(
  server: InboxServer,
  staff: BuiltStaff,
): Promise<WebhookHealthReport> {
  const response = await callApi(server, staff, "GET", "/setup/webhook-health");
  if (response.statusCode !== 200) {
    throw new Error(`webhook-health: ${response.statusCode} ${response.body}`);
  }

  return response.json<WebhookHealthReport>();
}

export function healthOf(
  report: WebhookHealthReport,
  phoneNumber: string,
): NumberWebhookHealth {
  const health = report.numbers.find(
    (number) => number.phoneNumber === phoneNumber,
  );
  if (!health) throw new Error(`${phoneNumber} is not in the report.`);

  return health;
}

/** Counts the sandbox's IncomingPhoneNumbers requests of any kind. */
export function countNumberRequests(server: InboxServer): number {
  return server.sandbox.state.requestLog.entries.filter((entry) =>
    entry.operationId.includes("IncomingPhoneNumber"),
  ).length;
}

export function errorMessage(response: LightMyRequestResponse): string {
  return response.json<{ error: { message: string } }>().error.message;
}

/** Loads the company's audit rows of `action`, oldest first. */
export function auditRows(server: InboxServer, tenant: Tenant, action: string) {
  return server.ctx.db
    .selectFrom("audit_events")
    .selectAll()
    .where("company_id", "=", tenant.company.id)
    .where("action", "=", action)
    .orderBy("created_at")
    .execute();
}
