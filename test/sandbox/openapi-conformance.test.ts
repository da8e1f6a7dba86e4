import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RecordedRequest } from "../../src/sandbox/request-log.js";
import { describeErrors } from "./openapi/schema.js";
import { findOperation } from "./openapi/spec.js";
import { responseValidator, specViolations } from "./openapi/violations.js";
import {
  controlRequest,
  startReceiver,
  startSandbox,
  waitUntil,
  type Receiver,
  type SandboxFixture,
} from "./support.js";

const operationIds = [
  "FetchAccount",
  "CreateMessage",
  "FetchMessage",
  "ListMessage",
  "ListIncomingPhoneNumber",
  "FetchIncomingPhoneNumber",
  "UpdateIncomingPhoneNumber",
  "ListService",
  "FetchService",
  "UpdateService",
  "ListPhoneNumber",
];

describe("sandbox openapi conformance", () => {
  let fixture: SandboxFixture;
  let receiver: Receiver;

  beforeAll(async () => {
    fixture = await startSandbox();
    receiver = await startReceiver();
    await driveEveryOperation(fixture, receiver);
  });

  afterAll(async () => {
    await fixture.close();
    await receiver.close();
  });

  test.each(operationIds)("%s matches the spec", (operationId) => {
    const entries = fixture.sandbox.state.requestLog.entries.filter(
      (entry) => entry.operationId === operationId,
    );

    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(
        specViolations(operationId, entry),
        `${entry.method} ${entry.path}`,
      ).toEqual([]);
    }
  });

  test.each(operationIds)("%s spec examples pass", (operationId) => {
    const operation = findOperation(operationId);
    const validate = responseValidator(operation);

    expect(operation.examples.length).toBeGreaterThan(0);
    for (const example of operation.examples) {
      expect(validate(example), describeErrors(validate).join("; ")).toBe(true);
    }
  });

  test("validator rejects a missing field", () => {
    const entry = firstEntry(fixture, "FetchMessage");
    const body = structuredClone(entry.responseBody) as Record<string, unknown>;
    delete body.status;

    const violations = specViolations("FetchMessage", {
      ...entry,
      responseBody: body,
    });

    expect(violations).toContainEqual(
      expect.stringContaining("must have required property 'status'"),
    );
  });

  test("validator rejects wrong types and patterns", () => {
    const entry = firstEntry(fixture, "FetchIncomingPhoneNumber");
    const body = structuredClone(entry.responseBody) as Record<string, unknown>;
    body.sid = "PN123";
    body.capabilities = { sms: "yes", mms: true, voice: true, fax: false };
    body.date_created = new Date().toISOString();

    const violations = specViolations("FetchIncomingPhoneNumber", {
      ...entry,
      responseBody: body,
    });

    expect(violations).toContainEqual(
      expect.stringContaining("/sid must match pattern"),
    );
    expect(violations).toContainEqual(
      expect.stringContaining("/capabilities/sms must be boolean"),
    );
    expect(violations).toContainEqual(
      expect.stringContaining(
        '/date_created must match format "date-time-rfc-2822"',
      ),
    );
  });

  test("service list follows v1 paging", () => {
    const pages = fixture.sandbox.state.requestLog.entries.filter(
      (entry) => entry.operationId === "ListService",
    );

    expect(pages.map((entry) => entry.query.Page)).toEqual([
      undefined,
      "1",
      undefined,
    ]);
    expect(pages[1]?.query.PageToken).toMatch(/^PAMG/);
  });

  test("validator checks messaging v1 responses", () => {
    const entry = firstEntry(fixture, "FetchService");
    const body = structuredClone(entry.responseBody) as Record<string, unknown>;
    body.use_inbound_webhook_on_number = "yes";
    body.date_created = "Thu, 30 Jul 2015 20:12:31 +0000";
    body.links = { phone_numbers: "/v1/Services/MG1/PhoneNumbers" };
    delete body.inbound_method;

    const violations = specViolations("FetchService", {
      ...entry,
      responseBody: body,
    });

    expect(violations).toContainEqual(
      expect.stringContaining("/use_inbound_webhook_on_number must be boolean"),
    );
    expect(violations).toContainEqual(
      expect.stringContaining('/date_created must match format "date-time"'),
    );
    expect(violations).toContainEqual(
      expect.stringContaining("/links/phone_numbers must match pattern"),
    );
    expect(violations).toContainEqual(
      expect.stringContaining("must have required property 'inbound_method'"),
    );
  });

  test("validator rejects unknown form fields", () => {
    const entry = firstEntry(fixture, "CreateMessage");

    const violations = specViolations("CreateMessage", {
      ...entry,
      form: { ...entry.form, Tooo: "+1" },
    });

    expect(violations).toContainEqual(
      expect.stringContaining("must NOT have additional properties"),
    );
  });
});

function firstEntry(
  fixture: SandboxFixture,
  operationId: string,
): RecordedRequest {
  const entry = fixture.sandbox.state.requestLog.entries.find(
    (item) => item.operationId === operationId,
  );
  if (!entry) throw new Error(`No recorded ${operationId} request.`);

  return entry;
}

/** Calls each operation the product uses through the real SDK, with its options. */
async function driveEveryOperation(
  fixture: SandboxFixture,
  receiver: Receiver,
) {
  const { sandbox, client, account, number, baseUrl } = fixture;
  const serviceSid = `MG${"d".repeat(32)}`;
  sandbox.state.addNumber(account.sid, {
    phoneNumber: "+14155550111",
    messagingServiceSid: serviceSid,
  });
  sandbox.state.addNumber(account.sid, {
    phoneNumber: "+14155550112",
    capabilities: { mms: false },
  });
  const customer = "+14155550199";

  await client.api.v2010.accounts(account.sid).fetch();
  const plain = await client.messages.create({
    to: customer,
    from: number.phoneNumber,
    body: "Plain",
  });
  await client.messages.create({
    to: customer,
    from: number.phoneNumber,
    body: "With media",
    mediaUrl: ["https://example.com/a.jpg", "https://example.com/b.png"],
    statusCallback: `${receiver.origin}/status`,
  });
  await client.messages.create({
    to: customer,
    messagingServiceSid: serviceSid,
    body: "Pooled",
  });
  await client.messages.create({
    to: customer,
    from: number.phoneNumber,
    mediaUrl: ["https://example.com/c.gif"],
  });
  number.smsUrl = `${receiver.origin}/sms`;
  await controlRequest(baseUrl, "POST", "/inbound", {
    from: customer,
    to: number.phoneNumber,
    body: "Inbound",
  });
  await waitUntil(() =>
    plain.sid && sandbox.state.messages[0]?.status === "delivered"
      ? true
      : undefined,
  );

  await client.messages(plain.sid).fetch();
  await client.messages.list({ pageSize: 2 });
  await client.messages.list({
    to: customer,
    from: number.phoneNumber,
    dateSentAfter: new Date(Date.now() - 86_400_000),
  });
  await client.messages.list({
    dateSent: new Date(),
    dateSentBefore: new Date(),
  });
  await client.incomingPhoneNumbers.list({ pageSize: 2 });
  await client.incomingPhoneNumbers.list({
    phoneNumber: number.phoneNumber,
    friendlyName: "(415) 555-0100",
  });
  await client.incomingPhoneNumbers(number.sid).fetch();
  await client.incomingPhoneNumbers(number.sid).update({
    smsUrl: `${receiver.origin}/sms`,
    smsMethod: "POST",
    smsFallbackUrl: `${receiver.origin}/fallback`,
    smsFallbackMethod: "GET",
    statusCallback: `${receiver.origin}/number-status`,
    friendlyName: "Front desk",
  });
  await driveMessagingServices(fixture, receiver, serviceSid);
}

/** Calls the Messaging v1 operations the webhook health check uses. */
async function driveMessagingServices(
  fixture: SandboxFixture,
  receiver: Receiver,
  serviceSid: string,
) {
  const { sandbox, client, account } = fixture;
  sandbox.state.createMessagingService(account.sid, {
    sid: serviceSid,
    friendlyName: "Pooled senders",
    inboundRequestUrl: `${receiver.origin}/service-sms`,
  });
  sandbox.state.createMessagingService(account.sid, {
    friendlyName: "Unused",
  });
  sandbox.state.createMessagingService(account.sid, {
    friendlyName: "Defers to numbers",
    useInboundWebhookOnNumber: true,
  });

  await client.messaging.v1.services.list({ pageSize: 2 });
  await client.messaging.v1.services.list({ limit: 1 });
  await client.messaging.v1.services(serviceSid).fetch();
  await client.messaging.v1.services(serviceSid).update({
    friendlyName: "Front desk pool",
    inboundRequestUrl: `${receiver.origin}/service-sms`,
    inboundMethod: "POST",
    fallbackUrl: `${receiver.origin}/service-fallback`,
    fallbackMethod: "GET",
    statusCallback: `${receiver.origin}/service-status`,
    useInboundWebhookOnNumber: false,
  });
  await client.messaging.v1.services(serviceSid).phoneNumbers.list();
  await client.messaging.v1
    .services(serviceSid)
    .phoneNumbers.list({ pageSize: 1000 });
}
