import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { InboundResult } from "../../src/sandbox/inbound.js";
import { createSandbox } from "../../src/sandbox/sandbox-server.js";
import {
  controlRequest,
  rejectionOf,
  startReceiver,
  startSandbox,
  type Receiver,
  type SandboxFixture,
} from "./support.js";

const customer = "+14155550199";

describe("sandbox messaging services API", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("lists the account's services", async () => {
    const { sandbox, client, account } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
      inboundRequestUrl: "https://example.com/inbound",
    });
    const other = sandbox.state.createAccount();
    sandbox.state.createMessagingService(other.sid, { friendlyName: "Other" });

    const services = await client.messaging.v1.services.list();

    expect(services.map((item) => item.sid)).toEqual([service.sid]);
    expect(services[0]?.friendlyName).toBe("Front desk");
    expect(services[0]?.inboundRequestUrl).toBe("https://example.com/inbound");
    expect(services[0]?.inboundMethod).toBe("POST");
    expect(services[0]?.useInboundWebhookOnNumber).toBe(false);
  });

  test("pages through many services", async () => {
    const { sandbox, client, account } = fixture;
    for (let index = 0; index < 5; index += 1) {
      sandbox.state.createMessagingService(account.sid, {
        friendlyName: `Service ${index}`,
      });
    }

    const services = await client.messaging.v1.services.list({ pageSize: 2 });

    expect(services.map((item) => item.friendlyName)).toEqual([
      "Service 0",
      "Service 1",
      "Service 2",
      "Service 3",
      "Service 4",
    ]);
  });

  test("updates the inbound settings", async () => {
    const { sandbox, client, account } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });

    const updated = await client.messaging.v1.services(service.sid).update({
      inboundRequestUrl: "https://example.com/sms",
      inboundMethod: "GET",
      useInboundWebhookOnNumber: true,
    });

    expect(updated.inboundRequestUrl).toBe("https://example.com/sms");
    expect(updated.inboundMethod).toBe("GET");
    expect(updated.useInboundWebhookOnNumber).toBe(true);
    expect(service.inboundRequestUrl).toBe("https://example.com/sms");
    expect(service.useInboundWebhookOnNumber).toBe(true);
  });

  test("rejects an invalid update whole", async () => {
    const { sandbox, client, account } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });

    const error = await rejectionOf(
      client.messaging.v1.services(service.sid).update({
        inboundRequestUrl: "https://example.com/sms",
        inboundMethod: "PUT",
      }),
    );

    expect(error).toMatchObject({ status: 400, code: 20001 });
    expect(service.inboundRequestUrl).toBeNull();
  });

  test("lists a service's sender pool", async () => {
    const { sandbox, client, account, number } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });
    number.messagingServiceSid = service.sid;
    sandbox.state.addNumber(account.sid, { phoneNumber: "+14155550101" });

    const numbers = await client.messaging.v1
      .services(service.sid)
      .phoneNumbers.list();

    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.sid).toBe(number.sid);
    expect(numbers[0]?.phoneNumber).toBe(number.phoneNumber);
    expect(numbers[0]?.serviceSid).toBe(service.sid);
    expect(numbers[0]?.capabilities).toEqual(["Voice", "SMS", "MMS"]);
  });

  test("hides another account's service", async () => {
    const { sandbox, client } = fixture;
    const other = sandbox.state.createAccount();
    const service = sandbox.state.createMessagingService(other.sid, {
      friendlyName: "Other",
    });

    const error = await rejectionOf(
      client.messaging.v1.services(service.sid).fetch(),
    );

    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  test("rejects wrong credentials", async () => {
    const { clientFor, account } = fixture;
    const client = clientFor(account.sid, "wrong-token-000");

    const error = await rejectionOf(client.messaging.v1.services.list());

    expect(error).toMatchObject({ status: 401, code: 20003 });
  });
});

describe("sandbox inbound through a messaging service", () => {
  let fixture: SandboxFixture;
  let receiver: Receiver;

  beforeEach(async () => {
    fixture = await startSandbox();
    receiver = await startReceiver();
    fixture.number.smsUrl = `${receiver.origin}/number`;
  });

  afterEach(async () => {
    await fixture.close();
    await receiver.close();
  });

  const sendInbound = async () => {
    const response = await controlRequest<InboundResult>(
      fixture.baseUrl,
      "POST",
      "/inbound",
      { from: customer, to: fixture.number.phoneNumber, body: "Hi" },
    );
    expect(response.status).toBe(200);

    return response.body;
  };

  test("calls the service's inbound URL", async () => {
    const { sandbox, account, number } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
      inboundRequestUrl: `${receiver.origin}/service`,
      inboundMethod: "GET",
    });
    number.messagingServiceSid = service.sid;

    const result = await sendInbound();

    expect(result.webhook?.url).toBe(`${receiver.origin}/service`);
    expect(result.webhook?.method).toBe("GET");
    expect(receiver.requests[0]?.url).toMatch(/^\/service\?/);
  });

  test("uses the number's URL when the service defers", async () => {
    const { sandbox, account, number } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
      inboundRequestUrl: `${receiver.origin}/service`,
      useInboundWebhookOnNumber: true,
    });
    number.messagingServiceSid = service.sid;

    const result = await sendInbound();

    expect(result.webhook?.url).toBe(`${receiver.origin}/number`);
    expect(receiver.requests[0]?.url).toBe("/number");
  });

  test("drops a text when the service has no URL", async () => {
    const { sandbox, account, number } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });
    number.messagingServiceSid = service.sid;

    const result = await sendInbound();

    expect(result.webhook).toBeNull();
    expect(result.error).toContain(`Messaging Service ${service.sid}`);
    expect(receiver.requests).toHaveLength(0);
  });

  test("ignores a service SID with no service", async () => {
    fixture.number.messagingServiceSid = `MG${"e".repeat(32)}`;

    const result = await sendInbound();

    expect(result.webhook?.url).toBe(`${receiver.origin}/number`);
  });

  test("follows an update made through the API", async () => {
    const { sandbox, account, number, client } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
      inboundRequestUrl: `${receiver.origin}/service`,
    });
    number.messagingServiceSid = service.sid;
    await client.messaging.v1
      .services(service.sid)
      .update({ useInboundWebhookOnNumber: true });

    const result = await sendInbound();

    expect(result.webhook?.url).toBe(`${receiver.origin}/number`);
  });
});

describe("sandbox messaging service control API", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("creates a service with numbers", async () => {
    const { baseUrl, account, number } = fixture;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/messaging-services`,
      {
        friendlyName: "Front desk",
        inboundRequestUrl: "https://example.com/sms",
        phoneNumbers: [number.phoneNumber],
      },
    );

    expect(response.status).toBe(201);
    expect(response.body.sid).toMatch(/^MG[0-9a-f]{32}$/);
    expect(response.body.inbound_request_url).toBe("https://example.com/sms");
    expect(number.messagingServiceSid).toBe(response.body.sid);
  });

  test("adds a number to a service", async () => {
    const { baseUrl, account, number, sandbox } = fixture;
    const service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/messaging-services/${service.sid}/numbers`,
      { phoneNumber: number.phoneNumber },
    );

    expect(response.status).toBe(200);
    expect(number.messagingServiceSid).toBe(service.sid);
  });

  test("rejects an unknown service", async () => {
    const { baseUrl, account, number } = fixture;
    const serviceSid = `MG${"f".repeat(32)}`;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/messaging-services/${serviceSid}/numbers`,
      { phoneNumber: number.phoneNumber },
    );

    expect(response.status).toBe(404);
    expect(response.body.error).toContain(serviceSid);
    expect(number.messagingServiceSid).toBeNull();
  });

  test("rejects an unknown number and creates nothing", async () => {
    const { baseUrl, account, sandbox } = fixture;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/messaging-services`,
      { friendlyName: "Front desk", phoneNumbers: ["+14155550177"] },
    );

    expect(response.status).toBe(404);
    expect(response.body.error).toContain("+14155550177");
    expect(sandbox.state.messagingServicesOf(account.sid)).toEqual([]);
  });

  test("rejects an invalid inbound URL", async () => {
    const { baseUrl, account } = fixture;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/messaging-services`,
      { friendlyName: "Front desk", inboundRequestUrl: "ftp://example.com" },
    );

    expect(response.status).toBe(400);
    expect(response.body.error).toContain("inboundRequestUrl");
  });

  test("seeds services with their numbers", async () => {
    const accountSid = `AC${"1".repeat(32)}`;
    const serviceSid = `MG${"2".repeat(32)}`;
    const sandbox = await createSandbox({
      logLevel: "silent",
      seed: {
        accounts: [
          {
            accountSid,
            authToken: "seed-token-1",
            numbers: [{ phoneNumber: "+14155550123" }],
            messagingServices: [
              {
                sid: serviceSid,
                friendlyName: "Seeded",
                useInboundWebhookOnNumber: true,
                phoneNumbers: ["+14155550123"],
              },
            ],
          },
        ],
      },
    });
    try {
      const [service] = sandbox.state.messagingServicesOf(accountSid);

      expect(service?.sid).toBe(serviceSid);
      expect(service?.useInboundWebhookOnNumber).toBe(true);
      expect(sandbox.state.numbersOf(accountSid)[0]?.messagingServiceSid).toBe(
        serviceSid,
      );
    } finally {
      await sandbox.close();
    }
  });
});
