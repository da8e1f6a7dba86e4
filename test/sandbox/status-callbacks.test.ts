import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  controlRequest,
  startReceiver,
  startSandbox,
  waitUntil,
  type Receiver,
  type SandboxFixture,
} from "./support.js";

const customer = "+14155550199";

describe("sandbox status callbacks", () => {
  let fixture: SandboxFixture;
  let receiver: Receiver;

  beforeEach(async () => {
    fixture = await startSandbox();
    receiver = await startReceiver(() => ({
      status: 204,
      contentType: "text/plain",
      body: "",
    }));
  });

  afterEach(async () => {
    await fixture.close();
    await receiver.close();
  });

  async function sendWithCallback(path: string) {
    const { client, number } = fixture;

    return client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Track me",
      statusCallback: `${receiver.origin}${path}`,
    });
  }

  test("callbacks arrive signed for sent and delivered", async () => {
    const { account, number } = fixture;
    const callbackUrl = `${receiver.origin}/webhooks/status?company=7`;
    const message = await sendWithCallback("/webhooks/status?company=7");

    const [sent, delivered] = await receiver.waitForRequests(2);

    for (const request of [sent, delivered]) {
      const signature = String(request?.headers["x-twilio-signature"]);
      expect(request?.method).toBe("POST");
      expect(request?.url).toBe("/webhooks/status?company=7");
      expect(request?.headers["content-type"]).toBe(
        "application/x-www-form-urlencoded",
      );
      expect(
        twilio.validateRequest(
          account.authToken,
          signature,
          callbackUrl,
          request?.form ?? {},
        ),
      ).toBe(true);
    }
    expect(sent?.form).toEqual({
      AccountSid: account.sid,
      ApiVersion: "2010-04-01",
      From: number.phoneNumber,
      MessageSid: message.sid,
      MessageStatus: "sent",
      SmsSid: message.sid,
      SmsStatus: "sent",
      To: customer,
    });
    expect(delivered?.form).toMatchObject({
      MessageStatus: "delivered",
      SmsStatus: "delivered",
    });
    expect(delivered?.form.RawDlrDoneDate).toMatch(/^\d{10}$/);
  });

  test("signature fails with another token", async () => {
    await sendWithCallback("/status");

    const [request] = await receiver.waitForRequests(1);
    const signature = String(request?.headers["x-twilio-signature"]);

    expect(
      twilio.validateRequest(
        "f".repeat(32),
        signature,
        `${receiver.origin}/status`,
        request?.form ?? {},
      ),
    ).toBe(false);
  });

  test("undelivered fault reports error code", async () => {
    const { baseUrl, client } = fixture;
    await controlRequest(baseUrl, "PUT", "/faults", {
      undelivered: { count: 1, errorCode: 30006 },
    });

    const message = await sendWithCallback("/status");
    const [, final] = await receiver.waitForRequests(2);
    const fetched = await client.messages(message.sid).fetch();

    expect(final?.form).toMatchObject({
      MessageStatus: "undelivered",
      ErrorCode: "30006",
      ErrorMessage: "Landline or unreachable carrier",
    });
    expect(fetched.status).toBe("undelivered");
    expect(fetched.errorCode).toBe(30006);
  });

  test("messaging service adds queued callback", async () => {
    const { sandbox, client, account } = fixture;
    const serviceSid = `MG${"b".repeat(32)}`;
    sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550111",
      messagingServiceSid: serviceSid,
    });

    await client.messages.create({
      to: customer,
      messagingServiceSid: serviceSid,
      body: "Pooled",
      statusCallback: `${receiver.origin}/status`,
    });
    const requests = await receiver.waitForRequests(3);

    expect(requests.map((request) => request.form.MessageStatus)).toEqual([
      "queued",
      "sent",
      "delivered",
    ]);
    expect(requests[0]?.form.MessagingServiceSid).toBe(serviceSid);
  });

  test("unreachable callback url is survived", async () => {
    const { client, number } = fixture;
    const closed = await startReceiver();
    const deadUrl = `${closed.origin}/status`;
    await closed.close();

    const message = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Nobody listens",
      statusCallback: deadUrl,
    });
    const final = await waitUntil(() => {
      const stored = fixture.sandbox.state.messages.find(
        (item) => item.sid === message.sid,
      );

      return stored?.status === "delivered" ? stored : undefined;
    });
    const fetched = await client.messages(message.sid).fetch();

    expect(final.status).toBe("delivered");
    expect(fetched.status).toBe("delivered");
  });
});
