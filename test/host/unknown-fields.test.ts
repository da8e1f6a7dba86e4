import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callAs } from "../admin/admin-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  installSmsInbox,
  TEST_PASSWORD,
  type BuiltStaff,
} from "../support/factories.js";

type Method = "POST" | "PUT" | "PATCH" | "DELETE";

interface Endpoint {
  method: Method;
  url: string;
  /** A body with one field the route does not accept. */
  body: object;
  /** Dotted path of that field, as the error's `field` names it. */
  unknown: string;
  /** Sends the request signed out, as sign-in and setup are. */
  signedOut?: boolean;
}

const INBOX = "/api/plugins/sms-chat";
// The body is checked before any id in the URL is looked up.
const ID = "no-such-id";
const SERVICE_SID = `MG${"0".repeat(32)}`;
const NEW_PASSWORD = "a long enough password";

/** Routes that take a JSON body or none, each with a field it does not take. */
const endpoints: Endpoint[] = [
  {
    method: "POST",
    url: "/api/setup",
    body: {
      companyName: "Acme",
      country: "US",
      ownerName: "Ada",
      ownerEmail: "ada@example.com",
      password: NEW_PASSWORD,
      timezone: "UTC",
    },
    unknown: "timezone",
    signedOut: true,
  },
  {
    method: "POST",
    url: "/api/auth/login",
    body: { email: "ada@example.com", password: TEST_PASSWORD, remember: true },
    unknown: "remember",
    signedOut: true,
  },
  {
    method: "POST",
    url: "/api/auth/logout",
    body: { everywhere: true },
    unknown: "everywhere",
  },
  {
    method: "POST",
    url: "/api/auth/password",
    body: {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    },
    unknown: "confirmPassword",
  },
  {
    method: "PUT",
    url: "/api/company",
    body: { name: "Acme", nmae: "Acme" },
    unknown: "nmae",
  },
  {
    method: "PUT",
    url: "/api/company/twilio",
    body: {
      accountSid: `AC${"d4".repeat(16)}`,
      authToken: "0123456789abcdef0123456789abcdef",
      defaultNumber: "+14155550100",
      region: "ie1",
    },
    unknown: "region",
  },
  {
    method: "POST",
    url: "/api/company/twilio/test",
    body: { dryRun: true },
    unknown: "dryRun",
  },
  {
    method: "POST",
    url: "/api/locations",
    body: { name: "Annex", address: "1 Main St" },
    unknown: "address",
  },
  {
    method: "PUT",
    url: `/api/locations/${ID}`,
    body: { name: "Annex", address: "1 Main St" },
    unknown: "address",
  },
  {
    method: "DELETE",
    url: `/api/locations/${ID}`,
    body: { force: true },
    unknown: "force",
  },
  {
    method: "POST",
    url: "/api/customers",
    body: { name: "Ada", phone: "415 555 0100", email: "ada@example.com" },
    unknown: "email",
  },
  {
    method: "PUT",
    url: `/api/customers/${ID}`,
    body: { name: "Ada", phone: "415 555 0100", confirmSharedPhon: true },
    unknown: "confirmSharedPhon",
  },
  {
    method: "DELETE",
    url: `/api/customers/${ID}`,
    body: { force: true },
    unknown: "force",
  },
  {
    method: "POST",
    url: "/api/staff",
    body: {
      name: "Grace",
      email: "grace@example.com",
      roleId: ID,
      locationIds: [],
      phone: "+14155550100",
    },
    unknown: "phone",
  },
  {
    method: "PATCH",
    url: `/api/staff/${ID}`,
    body: { nmae: "Grace" },
    unknown: "nmae",
  },
  {
    method: "POST",
    url: `/api/staff/${ID}/deactivate`,
    body: { reason: "left" },
    unknown: "reason",
  },
  {
    method: "POST",
    url: `/api/staff/${ID}/reactivate`,
    body: { reason: "back" },
    unknown: "reason",
  },
  {
    method: "POST",
    url: `/api/staff/${ID}/invitation`,
    body: { email: "grace@example.com" },
    unknown: "email",
  },
  {
    method: "DELETE",
    url: `/api/staff/${ID}`,
    body: { force: true },
    unknown: "force",
  },
  {
    method: "POST",
    url: "/api/roles",
    body: { name: "Clerk", permissions: [], description: "Front desk" },
    unknown: "description",
  },
  {
    method: "PUT",
    url: `/api/roles/${ID}`,
    body: { name: "Clerk", permission: [] },
    unknown: "permission",
  },
  {
    method: "DELETE",
    url: `/api/roles/${ID}`,
    body: { force: true },
    unknown: "force",
  },
  {
    method: "POST",
    url: `/api/invitations/${ID}/accept`,
    body: { password: NEW_PASSWORD, name: "Grace" },
    unknown: "name",
    signedOut: true,
  },
  {
    method: "POST",
    url: "/api/plugins/sms-chat/install",
    body: { locationIds: [] },
    unknown: "locationIds",
  },
  {
    method: "DELETE",
    url: "/api/plugins/sms-chat",
    body: { keepData: true },
    unknown: "keepData",
  },
  {
    method: "PUT",
    url: "/api/plugins/sms-chat/locations",
    body: { locationIds: [], enabled: true },
    unknown: "enabled",
  },
  {
    method: "POST",
    url: `${INBOX}/numbers`,
    body: { phoneNumber: "+14155550111", name: "Front desk" },
    unknown: "name",
  },
  {
    method: "PATCH",
    url: `${INBOX}/numbers/${ID}`,
    body: { name: "Front desk", label: "Front desk" },
    unknown: "label",
  },
  {
    method: "DELETE",
    url: `${INBOX}/numbers/${ID}`,
    body: { clearWebhooks: true },
    unknown: "clearWebhooks",
  },
  {
    method: "POST",
    url: `${INBOX}/conversations`,
    body: { to: "+14155550170", body: "Hi", form: "+14155550100" },
    unknown: "form",
  },
  {
    method: "POST",
    url: `${INBOX}/conversations/${ID}/messages`,
    body: { body: "Hi", mediaID: [] },
    unknown: "mediaID",
  },
  {
    method: "POST",
    url: `${INBOX}/conversations/${ID}/read`,
    body: { readAt: "2026-01-01T00:00:00Z" },
    unknown: "readAt",
  },
  {
    method: "PUT",
    url: `${INBOX}/conversations/${ID}/customer`,
    body: { customerId: null, customer_id: ID },
    unknown: "customer_id",
  },
  {
    method: "POST",
    url: `${INBOX}/messages/${ID}/retry`,
    body: { force: true },
    unknown: "force",
  },
  {
    method: "POST",
    url: `${INBOX}/setup/numbers/${ID}/webhook`,
    body: { expectedSmsUrl: "https://x.example/", url: "https://x.example/" },
    unknown: "url",
  },
  {
    method: "POST",
    url: `${INBOX}/setup/messaging-services/${SERVICE_SID}/webhook`,
    body: { expectedInboundRequestUrl: "https://x.example/", url: "x" },
    unknown: "url",
  },
  {
    method: "POST",
    url: `${INBOX}/setup/webhooks`,
    body: {
      numbers: [
        { numberId: ID, expectedSmsUrl: "https://x.example/", url: "" },
      ],
    },
    unknown: "numbers.0.url",
  },
  {
    method: "POST",
    url: `${INBOX}/setup/webhook-token/rotate`,
    body: { graceHours: 1 },
    unknown: "graceHours",
  },
  {
    method: "POST",
    url: `${INBOX}/setup/webhook-token/previous/end`,
    body: { at: "now" },
    unknown: "at",
  },
];

let t: TestApp;
let owner: BuiltStaff;

beforeAll(async () => {
  t = await buildTestApp();
  const company = await buildCompany(t.ctx);
  await installSmsInbox(t.ctx, company);
  owner = await buildStaff(t.ctx, company);
});

afterAll(async () => {
  await t.close();
});

describe.each(endpoints.map((e) => [`${e.method} ${e.url}`, e] as const))(
  "%s",
  (_, endpoint) => {
    test("unknown field gets 400 naming it", async () => {
      const staff = endpoint.signedOut ? null : owner;
      const name = endpoint.unknown.split(".").at(-1) ?? "";

      const response = await callAs(
        t,
        staff,
        endpoint.method,
        endpoint.url,
        endpoint.body,
      );
      const error = response.json<{
        error: { code: string; message: string; field?: string };
      }>().error;

      expect(response.statusCode).toBe(400);
      expect(error.code).toBe("validation_failed");
      expect(error.field).toBe(endpoint.unknown);
      expect(error.message).toContain(`unknown field, "${name}"`);
    });
  },
);
