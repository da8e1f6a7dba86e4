import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startSandbox, type SandboxFixture } from "./support.js";

const customer = "+14155550199";

describe("sandbox messages", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("create returns a queued message", async () => {
    const { client, account, number } = fixture;

    const message = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Your kayak is ready",
    });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.accountSid).toBe(account.sid);
    expect(message.status).toBe("queued");
    expect(message.direction).toBe("outbound-api");
    expect(message.to).toBe(customer);
    expect(message.from).toBe(number.phoneNumber);
    expect(message.body).toBe("Your kayak is ready");
    expect(message.numSegments).toBe("1");
    expect(message.numMedia).toBe("0");
    expect(message.dateSent).toBeNull();
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(message.uri).toBe(
      `/2010-04-01/Accounts/${account.sid}/Messages/${message.sid}.json`,
    );
    expect(message.subresourceUris).toHaveProperty("media");
  });

  test("counts segments of long bodies", async () => {
    const { client, number } = fixture;
    const from = number.phoneNumber;

    const gsm = await client.messages.create({
      to: customer,
      from,
      body: "a".repeat(161),
    });
    const ucs2 = await client.messages.create({
      to: customer,
      from,
      body: "ü€😀".repeat(24),
    });

    expect(gsm.numSegments).toBe("2");
    expect(ucs2.numSegments).toBe("2");
  });

  test("media urls make an mms", async () => {
    const { client, number } = fixture;

    const message = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      mediaUrl: ["https://example.com/a.jpg", "https://example.com/b.png"],
    });

    expect(message.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(message.numMedia).toBe("2");
  });

  test("messaging service picks pool number", async () => {
    const { sandbox, client, account } = fixture;
    const serviceSid = `MG${"a".repeat(32)}`;
    sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550111",
      messagingServiceSid: serviceSid,
    });

    const message = await client.messages.create({
      to: customer,
      messagingServiceSid: serviceSid,
      body: "Hello",
    });

    expect(message.status).toBe("accepted");
    expect(message.from).toBe("+14155550111");
    expect(message.messagingServiceSid).toBe(serviceSid);
    expect(message.numSegments).toBe("0");
  });

  test("fetch returns the created message", async () => {
    const { client, number } = fixture;
    const created = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Fetch me",
    });

    const fetched = await client.messages(created.sid).fetch();

    expect(fetched.sid).toBe(created.sid);
    expect(fetched.body).toBe("Fetch me");
  });

  test("status moves to delivered", async () => {
    const { client, number } = fixture;
    const created = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Track me",
    });

    const final = await pollStatus(
      () => client.messages(created.sid).fetch(),
      "delivered",
    );

    expect(final.status).toBe("delivered");
    expect(final.dateSent).toBeInstanceOf(Date);
    expect(final.price).toBe("-0.00790");
  });

  test("fetch of unknown sid returns 20404", async () => {
    const { client } = fixture;

    await expect(
      client.messages(`SM${"0".repeat(32)}`).fetch(),
    ).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  test("list returns newest first across pages", async () => {
    const { client, number } = fixture;
    const sids: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const message = await client.messages.create({
        to: customer,
        from: number.phoneNumber,
        body: `Message ${index}`,
      });
      sids.push(message.sid);
    }

    const listed = await client.messages.list({ pageSize: 3 });
    const pageRequests = fixture.sandbox.state.requestLog.entries.filter(
      (entry) => entry.operationId === "ListMessage",
    );

    expect(listed.map((message) => message.sid)).toEqual(sids.reverse());
    expect(pageRequests).toHaveLength(3);
    expect(pageRequests[2]?.query.PageToken).toBe(`PA${sids[5]}`);
  });

  test("list filters by to and from", async () => {
    const { client, number } = fixture;
    const from = number.phoneNumber;
    await client.messages.create({ to: customer, from, body: "One" });
    await client.messages.create({ to: "+14155550198", from, body: "Two" });

    const toCustomer = await client.messages.list({ to: customer });
    const fromOther = await client.messages.list({ from: "+14155550177" });

    expect(toCustomer.map((message) => message.body)).toEqual(["One"]);
    expect(fromOther).toEqual([]);
  });

  test("list filters by date sent", async () => {
    const { client, number } = fixture;
    const created = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Dated",
    });
    await pollStatus(() => client.messages(created.sid).fetch(), "sent");
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);

    const sentToday = await client.messages.list({ dateSent: today });
    const sentBeforeYesterday = await client.messages.list({
      dateSentBefore: yesterday,
    });
    const sentAfterYesterday = await client.messages.list({
      dateSentAfter: yesterday,
    });

    expect(sentToday.map((message) => message.sid)).toEqual([created.sid]);
    expect(sentBeforeYesterday).toEqual([]);
    expect(sentAfterYesterday.map((message) => message.sid)).toEqual([
      created.sid,
    ]);
  });
});

async function pollStatus<T extends { status: string }>(
  fetchMessage: () => Promise<T>,
  status: string,
): Promise<T> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const message = await fetchMessage();
    if (message.status === status || Date.now() > deadline) return message;

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
