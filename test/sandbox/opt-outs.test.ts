import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { InboundResult } from "../../src/sandbox/inbound.js";
import type {
  SandboxMessagingService,
  SandboxNumber,
} from "../../src/sandbox/state-types.js";
import {
  controlRequest,
  rejectionOf,
  startSandbox,
  type SandboxFixture,
} from "./support.js";

const customer = "+14155550199";
const otherCustomer = "+14155550198";

interface OptOutList {
  phoneNumbers: string[];
  senderOptOuts: { scope: string; phoneNumbers: string[] }[];
}

/** "sent", or the Twilio error code that the sandbox rejected a send with. */
type SendOutcome = "sent" | number;

interface Sender {
  from?: string;
  messagingServiceSid?: string;
}

describe("sandbox opt-out scope", () => {
  let fixture: SandboxFixture;
  // Two numbers outside any Messaging Service.
  let numberA: SandboxNumber;
  let numberB: SandboxNumber;
  // A service with two pooled numbers.
  let service: SandboxMessagingService;
  let pooledC: SandboxNumber;
  let pooledD: SandboxNumber;

  beforeEach(async () => {
    fixture = await startSandbox();
    const { sandbox, account } = fixture;
    numberA = fixture.number;
    numberB = sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550101",
    });
    service = sandbox.state.createMessagingService(account.sid, {
      friendlyName: "Front desk",
    });
    pooledC = sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550102",
      messagingServiceSid: service.sid,
    });
    pooledD = sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550103",
      messagingServiceSid: service.sid,
    });
  });

  afterEach(async () => {
    await fixture.close();
  });

  async function text(to: SandboxNumber, body: string, from = customer) {
    const result = await controlRequest<InboundResult>(
      fixture.baseUrl,
      "POST",
      "/inbound",
      { from, to: to.phoneNumber, body },
    );
    expect(result.status).toBe(200);
  }

  async function send(sender: Sender, to = customer): Promise<SendOutcome> {
    try {
      await fixture.client.messages.create({ ...sender, to, body: "Hello" });

      return "sent";
    } catch (error) {
      const { code } = error as { code?: unknown };
      if (typeof code !== "number") throw error;

      return code;
    }
  }

  async function readOptOuts() {
    const { baseUrl, account } = fixture;

    return controlRequest<OptOutList>(
      baseUrl,
      "GET",
      `/accounts/${account.sid}/opt-outs`,
    );
  }

  test("stop to a number blocks only that number", async () => {
    await text(numberA, "STOP");

    expect(await send({ from: numberA.phoneNumber })).toBe(21610);
    expect(await send({ from: numberB.phoneNumber })).toBe("sent");
    expect(await send({ from: pooledC.phoneNumber })).toBe("sent");
    expect(await send({ messagingServiceSid: service.sid })).toBe("sent");
  });

  test("stop blocks only the texting customer", async () => {
    await text(numberA, "STOP");

    expect(await send({ from: numberA.phoneNumber }, otherCustomer)).toBe(
      "sent",
    );
  });

  test("stop to a pooled number blocks the service", async () => {
    await text(pooledC, "stop");

    expect(await send({ from: pooledC.phoneNumber })).toBe(21610);
    expect(await send({ from: pooledD.phoneNumber })).toBe(21610);
    expect(await send({ messagingServiceSid: service.sid })).toBe(21610);
    expect(
      await send({
        messagingServiceSid: service.sid,
        from: pooledD.phoneNumber,
      }),
    ).toBe(21610);
    expect(await send({ from: numberA.phoneNumber })).toBe("sent");
    expect(await send({ from: numberB.phoneNumber })).toBe("sent");
  });

  test("every stop word opts out", async () => {
    const words = [
      "STOP",
      "STOPALL",
      "UNSUBSCRIBE",
      "CANCEL",
      "END",
      "QUIT",
      "REVOKE",
      "OPTOUT",
    ];

    for (const word of words) {
      await text(numberA, ` ${word.toLowerCase()} `);
      const outcome = await send({ from: numberA.phoneNumber });
      await text(numberA, "START");

      expect(outcome, word).toBe(21610);
    }
  });

  test("stop inside a sentence does not opt out", async () => {
    await text(numberA, "STOP PLEASE");

    expect(await send({ from: numberA.phoneNumber })).toBe("sent");
  });

  test("start lifts the number scope", async () => {
    await text(numberA, "STOP");
    await text(numberB, "STOP");
    await text(numberA, "START");

    expect(await send({ from: numberA.phoneNumber })).toBe("sent");
    expect(await send({ from: numberB.phoneNumber })).toBe(21610);
  });

  test("start to another pooled number lifts the service", async () => {
    await text(pooledC, "STOP");
    await text(numberA, "STOP");
    await text(pooledD, "UNSTOP");

    expect(await send({ from: pooledC.phoneNumber })).toBe("sent");
    expect(await send({ from: pooledD.phoneNumber })).toBe("sent");
    expect(await send({ messagingServiceSid: service.sid })).toBe("sent");
    expect(await send({ from: numberA.phoneNumber })).toBe(21610);
  });

  test("start outside the service keeps it blocked", async () => {
    await text(pooledC, "STOP");
    await text(numberA, "YES");

    expect(await send({ messagingServiceSid: service.sid })).toBe(21610);
  });

  test("account-wide opt-out blocks every sender", async () => {
    const { baseUrl, account } = fixture;
    await controlRequest(baseUrl, "PUT", `/accounts/${account.sid}/opt-outs`, {
      phoneNumbers: [customer],
    });

    expect(await send({ from: numberA.phoneNumber })).toBe(21610);
    expect(await send({ from: numberB.phoneNumber })).toBe(21610);
    expect(await send({ from: pooledC.phoneNumber })).toBe(21610);
    expect(await send({ messagingServiceSid: service.sid })).toBe(21610);
  });

  test("setOptedOut blocks every sender", async () => {
    const { sandbox, account } = fixture;
    sandbox.state.setOptedOut(account.sid, customer, true);

    expect(await send({ from: numberB.phoneNumber })).toBe(21610);
    expect(await send({ messagingServiceSid: service.sid })).toBe(21610);

    sandbox.state.setOptedOut(account.sid, customer, false);

    expect(await send({ from: numberB.phoneNumber })).toBe("sent");
  });

  test("start leaves an account-wide opt-out", async () => {
    fixture.sandbox.state.setOptedOut(fixture.account.sid, customer, true);

    await text(numberA, "START");

    expect(await send({ from: numberA.phoneNumber })).toBe(21610);
  });

  test("opt-outs are listed per scope", async () => {
    const { baseUrl, account } = fixture;
    await controlRequest(baseUrl, "PUT", `/accounts/${account.sid}/opt-outs`, {
      phoneNumbers: [otherCustomer],
    });
    await text(numberA, "STOP");
    await text(pooledC, "STOP");
    await text(pooledD, "STOP", otherCustomer);

    const listed = await readOptOuts();

    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      phoneNumbers: [otherCustomer],
      senderOptOuts: [
        { scope: numberA.phoneNumber, phoneNumbers: [customer] },
        { scope: service.sid, phoneNumbers: [customer, otherCustomer] },
      ],
    });
  });

  test("start removes the listed scope", async () => {
    await text(numberA, "STOP");
    await text(numberA, "START");

    const listed = await readOptOuts();

    expect(listed.body.senderOptOuts).toEqual([]);
  });

  test("replacing the list keeps sender opt-outs", async () => {
    const { baseUrl, account } = fixture;
    await text(numberA, "STOP");

    const replaced = await controlRequest<OptOutList>(
      baseUrl,
      "PUT",
      `/accounts/${account.sid}/opt-outs`,
      { phoneNumbers: [] },
    );

    expect(replaced.body).toEqual({
      phoneNumbers: [],
      senderOptOuts: [{ scope: numberA.phoneNumber, phoneNumbers: [customer] }],
    });
    expect(await send({ from: numberA.phoneNumber })).toBe(21610);
  });

  test("unknown service SID scopes to the number", async () => {
    const { sandbox, account } = fixture;
    const unlisted = sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550104",
      messagingServiceSid: "MG" + "0".repeat(32),
    });

    await text(unlisted, "STOP");

    expect(await send({ from: unlisted.phoneNumber })).toBe(21610);
    expect(await send({ from: numberA.phoneNumber })).toBe("sent");
    expect((await readOptOuts()).body.senderOptOuts).toEqual([
      { scope: unlisted.phoneNumber, phoneNumbers: [customer] },
    ]);
  });

  test("opt-out error names code 21610", async () => {
    await text(numberA, "STOP");

    const error = await rejectionOf(
      fixture.client.messages.create({
        from: numberA.phoneNumber,
        to: customer,
        body: "Hello",
      }),
    );

    expect(error).toMatchObject({ status: 400, code: 21610 });
  });
});
