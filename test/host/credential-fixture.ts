import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type {
  TwilioConnection,
  TwilioConnectionSaved,
  TwilioConnectionTest,
} from "../../src/common/api.js";
import type { WebhookAlerts } from "../../src/common/webhook-health-api.js";
import {
  callApi,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";

/** Gives the tenant's sandbox account a new auth token, as a rotation would. */
export function rotateAuthToken(tenant: Tenant): string {
  const token = randomBytes(16).toString("hex");
  tenant.account.authToken = token;

  return token;
}

/** Returns the owner's view of the company's Twilio connection. */
export async function fetchConnection(
  server: InboxServer,
  tenant: Tenant,
): Promise<TwilioConnection> {
  const response = await server.test.app.inject({
    url: "/api/company/twilio",
    headers: tenant.owner.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json<TwilioConnection>();
}

/** Runs the connection test as the owner. */
export async function testConnection(
  server: InboxServer,
  tenant: Tenant,
): Promise<TwilioConnectionTest> {
  const response = await server.test.app.inject({
    method: "POST",
    url: "/api/company/twilio/test",
    headers: tenant.owner.headers,
  });
  expect(response.statusCode).toBe(200);

  return response.json<TwilioConnectionTest>();
}

/** Saves the tenant's connection with `authToken` as the owner. */
export async function saveToken(
  server: InboxServer,
  tenant: Tenant,
  authToken: string,
): Promise<TwilioConnectionSaved> {
  const response = await server.test.app.inject({
    method: "PUT",
    url: "/api/company/twilio",
    headers: { ...tenant.owner.headers, "content-type": "application/json" },
    payload: JSON.stringify({ ...tenant.connection, authToken }),
  });
  expect(response.statusCode, response.body).toBe(200);

  return response.json<TwilioConnectionSaved>();
}

/** Returns the inbox's webhook alerts as the owner sees them. */
export async function fetchAlerts(
  server: InboxServer,
  tenant: Tenant,
): Promise<WebhookAlerts> {
  const response = await callApi(
    server,
    tenant.owner,
    "GET",
    "/webhook-alerts",
  );
  expect(response.statusCode).toBe(200);

  return response.json<WebhookAlerts>();
}
